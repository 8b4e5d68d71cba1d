"""A staff member's worklist is the dossiers they hold now: their tasks follow the dossier.

A dossier's tasks are Frappe's ToDos, whatever made them (a Dossier Routing's rule, the
sidebar's "Assign To"). After each change of the dossier's state, every task of it is open
exactly when its assignee holds the dossier in the new state (`ward_admin.services.worklist`:
the state's editor and the roles that move it on, nobody while the citizen owes a supplement or
a payment or once it is over) and may still read it. So the specialist's task closes when the
draft goes for signature, a supplement or payment is requested, or the dossier is resolved or
closed, and opens again when it comes back to them; the leader's opens while it awaits their
signature. The timeline says so, and the workspace's "My Dossier Tasks" lists the dossiers
whose task is open (Frappe's `_assign`), oldest due first, with their clocks.

Frappe's assignment rules reopen every closed task of a document at each save unless the rule's
close condition holds (`reopen_closed_assignment`, called from the `"*"` on_update hook
`assignment_rule.apply`). For dossiers the app decides instead, so that function is wrapped
(`install`, from `ward_admin.framework`) to leave dossiers alone; rules still pick the assignee.
"""

import frappe
from frappe import _
from frappe.automation.doctype.assignment_rule import assignment_rule as frappe_assignment_rule

from ward_admin.one_stop.assignments import describe, language_of
from ward_admin.one_stop.doctype.dossier import states
from ward_admin.services import worklist

DOCTYPE = "Dossier"


def holding(state: str | None) -> tuple[int | None, str | None, list[tuple]]:
	"""(code, editor, transitions) of `state` in the Dossier workflow, for `worklist.holds`."""
	workflow = states.workflow()
	codes = states.state_codes()
	transitions = [(row.state, codes.get(row.next_state), row.allowed) for row in workflow.transitions]
	return codes.get(state), states.editor_of(state) if state else None, transitions


def holds(user: str, dossier, held=None) -> bool:
	"""Does `user` hold `dossier` in its current state (and may they still read it)?"""
	code, editor, transitions = held or holding(dossier.status)
	if not worklist.holds(frappe.get_roles(user), dossier.status, code, editor, transitions):
		return False
	return frappe.has_permission(DOCTYPE, "read", doc=dossier, user=user)


def on_dossier_change(doc, method=None) -> None:
	"""Dossier.on_change (doc_event; after the on_update hooks, Frappe's assignment rules
	included): when the state changed, each task follows who holds the dossier now."""
	if doc.has_value_changed("status"):
		follow_holders(doc)


def follow_holders(doc) -> None:
	todo = frappe.qb.DocType("ToDo")
	tasks = (
		frappe.qb.from_(todo)
		.select(todo.name, todo.allocated_to, todo.status)
		.where(
			(todo.reference_type == DOCTYPE)
			& (todo.reference_name == doc.name)
			& todo.status.isin(("Open", "Closed"))
			& todo.allocated_to.isnotnull()
		)
	).run(as_dict=True)
	if not tasks:
		return
	held = holding(doc.status)
	state = _(doc.status)
	changed = False
	for task in tasks:
		wanted = "Open" if holds(task.allocated_to, doc, held) else "Closed"
		if task.status == wanted:
			continue
		changed = True
		values = {"status": wanted}
		if wanted == "Open":
			# the due time may have moved while the task was closed (a supplement restarts the clock)
			values["description"] = describe(doc, language_of(task.allocated_to))
			values["date"] = frappe.utils.getdate(doc.due_at) if doc.due_at else None
		frappe.db.set_value("ToDo", task.name, values)
		name = frappe.utils.get_fullname(task.allocated_to)
		if wanted == "Open":
			doc.add_comment(
				"Assigned",
				_("{0}'s task is open again: the dossier is back with them ({1})").format(name, state),
			)
		else:
			doc.add_comment(
				"Assignment Completed",
				_("{0}'s task is closed: the dossier left their hands ({1})").format(name, state),
			)
	if changed:
		# the dossier's `_assign` (the list's "Assigned To") lists the open tasks' users
		frappe.get_doc("ToDo", tasks[0].name).update_in_reference()


def install() -> None:
	"""Frappe's assignment rules leave the dossiers' closed tasks alone (idempotent)."""
	frappes = frappe_assignment_rule.reopen_closed_assignment
	if getattr(frappes, "wrapped_by_ward_admin", False):
		return

	def reopen_closed_assignment(doc):
		if doc.get("doctype") == DOCTYPE:
			return False
		return frappes(doc)

	reopen_closed_assignment.wrapped_by_ward_admin = True
	reopen_closed_assignment.__wrapped__ = frappes
	frappe_assignment_rule.reopen_closed_assignment = reopen_closed_assignment
