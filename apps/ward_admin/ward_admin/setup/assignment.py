"""Dossiers routed to specialists by procedure field: the demo's and the tests' Dossier Routings.

One routing per unit and field: when a dossier of that unit and field starts processing (a state
of national status code 4), it is assigned (round robin) to the unit's specialists of the field,
by the Assignment Rule the routing generates. The task follows whoever holds the dossier
(`ward_admin.one_stop.worklist`). Admins change the staff or the turn-taking in the routing's form.
"""

import frappe

from ward_admin.services import dossier_states as codes
from ward_admin.services import routing as rules

# the close condition of the first releases' rules (patch v0_2 reads it; routings have none)
CLOSE_CONDITION = f"status_code in {tuple(sorted(codes.FINAL | {codes.RESOLVED}))}"


def field_routing(procedure_field: str, unit: str) -> str | None:
	"""The enabled routing of `unit` that routes `procedure_field`, if any."""
	routing, row = frappe.qb.DocType("Dossier Routing"), frappe.qb.DocType("Dossier Routing Field")
	found = (
		frappe.qb.from_(routing)
		.join(row)
		.on((row.parent == routing.name) & (row.parenttype == "Dossier Routing"))
		.select(routing.name)
		.where(
			(routing.administrative_unit == unit)
			& (routing.match_by == rules.MATCH_FIELDS)
			& (routing.disabled == 0)
			& (row.procedure_field == procedure_field)
		)
		.limit(1)
	).run()
	return found[0][0] if found else None


def ensure_field_routing(procedure_field: str, users: list[str], unit: str) -> str:
	"""The routing of `procedure_field`'s dossiers of `unit` to `users`, made once."""
	name = field_routing(procedure_field, unit)
	if name:
		return name
	return (
		frappe.get_doc(
			{
				"doctype": "Dossier Routing",
				"administrative_unit": unit,
				"match_by": rules.MATCH_FIELDS,
				"procedure_fields": [{"procedure_field": procedure_field}],
				"rule": rules.ROUND_ROBIN,
				"users": [{"user": user} for user in users],
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def ensure_field_assignment_rule(procedure_field: str, users: list[str], unit: str) -> str:
	"""The Assignment Rule of that routing (what assigns the dossiers), by name."""
	routing = ensure_field_routing(procedure_field, users, unit)
	return frappe.db.get_value("Dossier Routing", routing, "assignment_rule")
