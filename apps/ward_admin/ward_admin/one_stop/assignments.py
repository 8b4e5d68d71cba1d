"""What an assignment of a dossier says at a glance: its code, applicant, procedure and due time.

Frappe's ToDo shows its description in the assignee's list and notification. Whoever assigns a
dossier (an Assignment Rule, the sidebar's "Assign To", a workflow), the ToDo reads, in the
assignee's language, e.g. "000.00.01.H22-260302-0001 · Nguyễn Văn An · Thủ tục đăng ký khai
sinh · hạn 05-03-2026 10:00". When the dossier's due time moves (a pause ends, the calendar
changes), its open ToDos follow.
"""

import frappe
from frappe import _
from frappe.utils import get_datetime

from ward_admin.services import dossier_events


def describe(dossier, lang: str | None = None) -> str:
	procedure = frappe.get_cached_value("Administrative Procedure", dossier.procedure, "procedure_name")
	parts = [dossier.name, dossier.applicant_name, procedure or dossier.procedure]
	if dossier.due_at:
		due = f"{get_datetime(dossier.due_at):%d-%m-%Y %H:%M}"
		parts.append(_("due {0}", lang=lang).format(due))
	return " · ".join(part for part in parts if part)


def language_of(user: str | None) -> str:
	return (
		(user and frappe.get_cached_value("User", user, "language")) or frappe.db.get_default("lang") or "vi"
	)


def describe_todo(todo, method=None) -> None:
	"""ToDo.before_insert (doc_event): a new assignment of a dossier describes it."""
	if todo.reference_type != "Dossier" or not todo.reference_name:
		return
	dossier = frappe.db.get_value(
		"Dossier",
		todo.reference_name,
		["name", "applicant_name", "procedure", "due_at"],
		as_dict=True,
	)
	if dossier:
		todo.description = describe(dossier, language_of(todo.allocated_to))
		if dossier.due_at:
			todo.date = get_datetime(dossier.due_at).date()


def refresh_todos(dossier) -> None:
	"""After a save that moved the due time: the open ToDos of the dossier say the new one."""
	todo = frappe.qb.DocType("ToDo")
	rows = (
		frappe.qb.from_(todo)
		.select(todo.name, todo.allocated_to)
		.where(
			(todo.reference_type == "Dossier")
			& (todo.reference_name == dossier.name)
			& (todo.status == "Open")
		)
	).run(as_dict=True)
	for row in rows:
		frappe.db.set_value(
			"ToDo",
			row.name,
			{
				"description": describe(dossier, language_of(row.allocated_to)),
				"date": get_datetime(dossier.due_at).date() if dossier.due_at else None,
			},
		)


def holder(doc) -> str | None:
	"""Who holds the dossier's task now; while nobody does (it awaits the leader's signature, a
	supplement or a payment: ward_admin.one_stop.worklist), whoever held its last task."""
	if assignee := dossier_events.current_assignee(doc):
		return assignee
	if doc.is_new():
		return None
	todo = frappe.qb.DocType("ToDo")
	last = (
		frappe.qb.from_(todo)
		.select(todo.allocated_to)
		.where(
			(todo.reference_type == doc.doctype)
			& (todo.reference_name == doc.name)
			& (todo.status == "Closed")
			& todo.allocated_to.isnotnull()
		)
		.orderby(todo.modified, order=frappe.qb.desc)
		.limit(1)
	).run()
	return last[0][0] if last else None
