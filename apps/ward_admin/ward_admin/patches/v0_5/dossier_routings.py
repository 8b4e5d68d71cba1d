"""Sites installed before Dossier Routing: routing without code, and tasks that follow the dossier.

- Each Assignment Rule of dossiers that `ward_admin.setup.assignment` made (one procedure field
  of one unit, assigned when processing starts) becomes a Dossier Routing that owns it: the rule
  keeps its name, staff and turn (`last_user`), and loses its close condition (a dossier's tasks
  follow who holds it). A rule an admin wrote otherwise is left as it is, with a comment saying
  why it was not converted.
- A Ward Admin reads Assignment Rules but no longer writes them: they route in Dossier Routing.
- The open tasks of dossiers follow who holds them now (a draft awaiting signature, a dossier
  awaiting a supplement or payment, no longer sit open in the specialist's list).
"""

import re

import frappe

from ward_admin.one_stop.worklist import follow_holders
from ward_admin.overrides.assignment_rule import admin_condition
from ward_admin.services import routing as rules
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
	todo = frappe.qb.DocType("ToDo")
	for (name,) in (
		frappe.qb.from_(todo)
		.select(todo.reference_name)
		.distinct()
		.where((todo.reference_type == "Dossier") & (todo.status == "Open"))
	).run():
		if frappe.db.exists("Dossier", name):
			follow_holders(frappe.get_doc("Dossier", name))
