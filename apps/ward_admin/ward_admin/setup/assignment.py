"""Assignment of dossiers to specialists by procedure field, with Frappe's Assignment Rule.

One rule per unit and field: when a dossier of that unit and field starts processing (a state of
national status code 4), it is assigned (round robin) to the unit's specialists of the field; the
task closes when the dossier is refused, withdrawn, stopped, resolved or returned (3, 7-10). Admins change the users, rule or
condition in the desk; `ward_admin.overrides.assignment_rule` keeps each rule inside its unit.
"""

import frappe

from ward_admin.services import dossier_states as codes

CLOSE_CONDITION = f"status_code in {tuple(sorted(codes.FINAL | {codes.RESOLVED}))}"


def assign_condition(procedure_field: str) -> str:
	return f'status_code == {codes.PROCESSING} and procedure_field == "{procedure_field}"'


def rule_name(procedure_field: str, unit: str) -> str:
	return f"Dossier - {procedure_field} - {unit}"


def ensure_field_assignment_rule(procedure_field: str, users: list[str], unit: str) -> str:
	name = rule_name(procedure_field, unit)
	if frappe.db.exists("Assignment Rule", name):
		return name
	unit_name = frappe.db.get_value("Administrative Unit", unit, "unit_name") or unit
	frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": name,
			"document_type": "Dossier",
			"administrative_unit": unit,
			"description": f"Hồ sơ {procedure_field} của {unit_name} giao cho công chức chuyên môn",
			"priority": 1,
			"rule": "Round Robin",
			"assign_condition": assign_condition(procedure_field),
			"close_condition": CLOSE_CONDITION,
			"users": [{"user": user} for user in users],
			"assignment_days": [
				{"day": day}
				for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
			],
		}
	).insert(ignore_permissions=True)
	return name
