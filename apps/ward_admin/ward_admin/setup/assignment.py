"""Assignment of dossiers to specialists by procedure field, with Frappe's Assignment Rule.

One rule per field: when a dossier of that field starts processing, it is assigned (round
robin) to the field's specialists. Admins change the users, rule or condition in the desk.
"""

import frappe


def ensure_field_assignment_rule(procedure_field: str, users: list[str]) -> str:
	name = f"Dossier - {procedure_field}"
	if frappe.db.exists("Assignment Rule", name):
		return name
	frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": name,
			"document_type": "Dossier",
			"description": f"Dossiers of {procedure_field} go to its specialists",
			"priority": 1,
			"rule": "Round Robin",
			"assign_condition": f'status == "Processing" and procedure_field == "{procedure_field}"',
			"close_condition": 'status in ("Resolved", "Returned", "Stopped", "Withdrawn")',
			"users": [{"user": user} for user in users],
			"assignment_days": [
				{"day": day}
				for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
			],
		}
	).insert(ignore_permissions=True)
	return name
