"""The Assignment Rule a Dossier Routing generates, kept in step with it.

Frappe's Assignment Rule does the assigning (round robin or load balancing, its `last_user`,
the ToDo it creates); the routing owns it:

- saving the routing writes the rule: its unit, staff, turn-taking, priority and a condition
  built from the admin's choices (`ward_admin.services.routing`); disabling the routing disables
  the rule, deleting the routing deletes it;
- the rule is not changed by hand: a save or deletion that does not come from its routing is
  refused (`protect_generated_rule`), and its form says so (`assignment_rule.js`);
- a user who leaves the unit (their User Permission on it removed, or their account disabled)
  is taken off its routings, and a routing left with nobody is disabled, each with a comment;
- a routing by procedures covers every version of them: a new version re-writes its rules.

The rule never closes or reopens tasks: whoever holds a dossier decides that
(`ward_admin.one_stop.worklist`).
"""

import frappe
from frappe import _

from ward_admin.permissions.scope import UNIT_DOCTYPE, administers, in_scope
from ward_admin.services import routing as rules
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

DOCTYPE = "Dossier Routing"


class GeneratedRuleError(frappe.ValidationError):
	"""A change by hand to an Assignment Rule that a Dossier Routing generates."""


def build(routing):
	"""The routing's Assignment Rule, its stored one updated or a new one, not yet saved."""
	name = routing.assignment_rule
	if name and frappe.db.exists("Assignment Rule", name):
		doc = frappe.get_doc("Assignment Rule", name)
	else:
		doc = frappe.new_doc("Assignment Rule")
		doc.name = routing.name
	doc.update(
		{
			"document_type": "Dossier",
			"administrative_unit": routing.administrative_unit,
			"dossier_routing": routing.name,
			"description": description(routing),
			"priority": rules.priority(depth(routing.administrative_unit), routing.match_by),
			"disabled": routing.disabled,
			"rule": routing.rule,
			"assign_condition": rules.assign_condition(routing.match_by, matched_values(routing)),
			"unassign_condition": None,
			"close_condition": None,
			"due_date_based_on": None,
		}
	)
	doc.set("users", [{"user": row.user} for row in routing.users])
	doc.set("assignment_days", [{"day": day} for day in rules.DAYS])
	doc.flags.from_routing = True
	doc.flags.ignore_permissions = True
	return doc


def check(routing) -> None:
	"""The routing's rule passes every check of an Assignment Rule (its users are staff of the
	unit who may read its dossiers: `ward_admin.overrides.assignment_rule`) before the routing is
	written, so a refused routing leaves nothing behind."""
	build(routing).run_method("validate")


def sync(routing) -> str:
	"""Create or update the routing's Assignment Rule from its choices; returns the rule's name."""
	doc = build(routing)
	doc.save() if not doc.is_new() else doc.insert()
	if routing.assignment_rule != doc.name:
		# not db_set: on a new routing it would record the link as a change in the history
		frappe.db.set_value(DOCTYPE, routing.name, "assignment_rule", doc.name, update_modified=False)
		routing.assignment_rule = doc.name
	return doc.name


def remove(routing) -> None:
	"""The routing is deleted: so is its rule (the tasks it gave stay with their holders)."""
	if routing.assignment_rule and frappe.db.exists("Assignment Rule", routing.assignment_rule):
		frappe.delete_doc(
			"Assignment Rule",
			routing.assignment_rule,
			force=True,  # the routing being deleted still links to it
			ignore_permissions=True,
			flags={"from_routing": True},
		)


def matched_values(routing) -> list[str]:
	"""What the rule compares: the procedure fields, or every version of the chosen procedures."""
	chosen = routing.chosen()
	if routing.match_by == rules.MATCH_FIELDS:
		return chosen
	return frappe.get_all(
		"Administrative Procedure", filters={"procedure_code": ("in", chosen)}, pluck="name", order_by="name"
	)


def description(routing) -> str:
	"""The rule's description: Frappe renders it as a template for the task's text, so no braces
	(the app describes a dossier's task itself: `ward_admin.one_stop.assignments`)."""
	text = _("Dossier Routing {0}: {1}").format(routing.name, routing.title or "")
	return text.replace("{", "(").replace("}", ")").replace("%", " ")


def depth(unit: str) -> int:
	"""How many units are above `unit` in the tree."""
	return len(unit_tree.ancestors(unit))


# ---------------------------------------------------------------- the rule is the routing's


def protect_generated_rule(doc, method=None) -> None:
	"""Assignment Rule.validate and on_trash (doc_event): a rule a routing made changes with it."""
	if doc.flags.from_routing or frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch:
		return
	routing = doc.get("dossier_routing")
	if not doc.is_new():
		routing = frappe.db.get_value("Assignment Rule", doc.name, "dossier_routing") or routing
	if routing:
		frappe.throw(
			_(
				"This rule is made from Dossier Routing {0} and changes only with it: change the routing"
			).format(frappe.bold(routing)),
			exc=GeneratedRuleError,
			title=_("Generated Rule"),
		)


# ---------------------------------------------------------------- who may be routed to


def staff_of(unit: str | None, txt: str = "", start: int = 0, page_len: int = 20) -> list[tuple[str, str]]:
	"""(user, full name) of the enabled staff of `unit` (or of a unit above it) who may work on its
	dossiers (not only read them), for an admin of that unit."""
	if not unit or not frappe.db.exists(UNIT_DOCTYPE, unit) or not administers(unit):
		return []
	above = [*unit_tree.ancestors(unit), unit]
	user, permission = frappe.qb.DocType("User"), frappe.qb.DocType("User Permission")
	query = (
		frappe.qb.from_(user)
		.join(permission)
		.on(permission.user == user.name)
		.select(user.name, user.full_name)
		.distinct()
		.where(
			(permission.allow == UNIT_DOCTYPE)
			& permission.for_value.isin(above)
			& (user.enabled == 1)
			& (user.user_type == "System User")
		)
		.orderby(user.full_name)
	)
	if txt:
		query = query.where(user.name.like(f"%{txt}%") | user.full_name.like(f"%{txt}%"))
	staff = [
		(name, full_name)
		for name, full_name in query.run()
		if in_scope(unit, name, "Dossier") and frappe.has_permission("Dossier", "write", user=name)
	]
	return staff[start : start + page_len]


def drop_departed(user: str) -> None:
	"""Take `user` off the routings of units they no longer belong to (or all, once disabled)."""
	enabled = frappe.db.get_value("User", user, "enabled")
	member = frappe.qb.DocType("Dossier Routing User")
	for name in {
		parent
		for (parent,) in frappe.qb.from_(member)
		.select(member.parent)
		.where((member.user == user) & (member.parenttype == DOCTYPE))
		.run()
	}:
		routing = frappe.get_doc(DOCTYPE, name)
		if enabled and in_scope(routing.administrative_unit, user, "Dossier"):
			continue
		routing.add_comment("Info", _("{0} left the unit and was taken off this routing").format(user))
		remaining = [row for row in routing.users if row.user != user]
		if remaining:
			routing.set("users", remaining)
			routing.flags.ignore_permissions = True
			routing.save()
			continue
		# nobody left: the routing and its rule stop, and the admin chooses new staff to restart it
		routing.add_comment("Info", _("Disabled: nobody is left to route these dossiers to"))
		frappe.db.delete("Dossier Routing User", {"parent": routing.name, "parenttype": DOCTYPE})
		frappe.db.set_value(DOCTYPE, routing.name, "disabled", 1)
		if routing.assignment_rule and frappe.db.exists("Assignment Rule", routing.assignment_rule):
			frappe.db.delete("Assignment Rule User", {"parent": routing.assignment_rule, "user": user})
			frappe.db.set_value("Assignment Rule", routing.assignment_rule, "disabled", 1)
			frappe.get_doc("Assignment Rule", routing.assignment_rule).clear_cache()


def on_user_permission_change(doc, method=None) -> None:
	"""User Permission.on_update / after_delete (doc_event): a user moved out of a unit."""
	if doc.allow == UNIT_DOCTYPE and doc.user:
		drop_departed(doc.user)


def on_user_update(doc, method=None) -> None:
	"""User.on_update (doc_event): a disabled account gets no more dossiers."""
	if not doc.enabled and doc.has_value_changed("enabled"):
		drop_departed(doc.name)


def on_new_procedure_version(doc, method=None) -> None:
	"""Administrative Procedure.after_insert (doc_event): routings of its code cover the version."""
	row = frappe.qb.DocType("Dossier Routing Procedure")
	for (name,) in (
		frappe.qb.from_(row)
		.select(row.parent)
		.distinct()
		.where((row.procedure_code == doc.procedure_code) & (row.parenttype == DOCTYPE))
		.run()
	):
		sync(frappe.get_doc(DOCTYPE, name))
