"""Sites installed before Dossier Routing: routing without code, and tasks that follow the dossier.

- Each Assignment Rule of dossiers that `ward_admin.setup.assignment` made (one procedure field
  of one unit, assigned when processing starts) becomes a Dossier Routing that owns it: the rule
  keeps its name, staff and turn (`last_user`), and loses its close condition (a dossier's tasks
  follow who holds it). A rule an admin wrote otherwise is left as it is, with a comment saying
  why it was not converted.
- A Ward Admin reads Assignment Rules but no longer writes them: they route in Dossier Routing.
- Open tasks of dossiers their assignee no longer holds are closed (a draft awaiting signature, a
  dossier awaiting a supplement or payment, or one resolved, no longer sits open in the
  specialist's list); from then on each change of state opens and closes them.
"""

import json
import re

import frappe

from ward_admin.one_stop.worklist import holding
from ward_admin.overrides.assignment_rule import admin_condition
from ward_admin.services import routing as rules
from ward_admin.services import worklist
from ward_admin.setup.custom_fields import ensure_custom_fields

MADE_BY_SETUP = re.compile(r'^status_code == 4 and procedure_field == "(?P<field>[^"]+)"$')


def execute():
	ensure_custom_fields()
	frappe.clear_cache(doctype="Assignment Rule")
	read_only_rules_for_ward_admins()
	for name in frappe.get_all(
		"Assignment Rule",
		filters={"document_type": "Dossier", "dossier_routing": ("is", "not set")},
		pluck="name",
	):
		convert(frappe.get_doc("Assignment Rule", name))
	follow_open_tasks()


def read_only_rules_for_ward_admins() -> None:
	perm = frappe.qb.DocType("Custom DocPerm")
	(
		frappe.qb.update(perm)
		.set(perm.write, 0)
		.set(perm.create, 0)
		.set(perm.delete, 0)
		.where((perm.parent == "Assignment Rule") & (perm.role == "Ward Admin"))
	).run()
	frappe.clear_cache(doctype="Assignment Rule")


def convert(rule) -> None:
	match = MADE_BY_SETUP.match(admin_condition(rule.assign_condition, "administrative_unit"))
	if not match or rule.rule not in rules.RULES or not rule.administrative_unit:
		rule.add_comment(
			"Info",
			"Not made into a Dossier Routing: its condition or rule is not one a routing makes. "
			"Make a routing of the same dossiers and disable this rule.",
		)
		return
	frappe.db.savepoint("dossier_routing")
	try:
		frappe.get_doc(
			{
				"doctype": "Dossier Routing",
				"administrative_unit": rule.administrative_unit,
				"match_by": rules.MATCH_FIELDS,
				"procedure_fields": [{"procedure_field": match.group("field")}],
				"rule": rule.rule,
				"users": [{"user": row.user} for row in rule.users],
				"disabled": rule.disabled,
				"assignment_rule": rule.name,
			}
		).insert(ignore_permissions=True)
	except frappe.ValidationError as e:
		frappe.db.rollback(save_point="dossier_routing")
		frappe.clear_messages()
		rule.add_comment("Info", f"Not made into a Dossier Routing: {e}")


def follow_open_tasks() -> None:
	"""Open tasks of dossiers their assignee no longer holds are closed. Set-based, with no line in
	each dossier's timeline: a province has tens of thousands of open tasks."""
	todo, dossier = frappe.qb.DocType("ToDo"), frappe.qb.DocType("Dossier")
	rows = (
		frappe.qb.from_(todo)
		.join(dossier)
		.on(dossier.name == todo.reference_name)
		.select(todo.name, todo.allocated_to, todo.reference_name, dossier.status)
		.where((todo.reference_type == "Dossier") & (todo.status == "Open") & todo.allocated_to.isnotnull())
	).run()
	holders: dict[str, frozenset[str]] = {}
	closing, touched = [], set()
	for name, user, reference, state in rows:
		if state not in holders:
			holders[state] = worklist.holder_roles(state, *holding(state))
		if not holders[state] & set(frappe.get_roles(user)):
			closing.append(name)
			touched.add(reference)
	for start in range(0, len(closing), 1000):
		frappe.qb.update(todo).set(todo.status, "Closed").where(
			todo.name.isin(closing[start : start + 1000])
		).run()
	for reference in touched:
		still_open = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Dossier", "reference_name": reference, "status": "Open"},
			pluck="allocated_to",
			order_by="modified asc",
		)
		frappe.db.set_value(
			"Dossier",
			reference,
			"_assign",
			json.dumps(still_open) if still_open else "",
			update_modified=False,
		)
