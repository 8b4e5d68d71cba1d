"""The leader's worklist: dossiers whose draft result waits for the leader's signature, the one
due first at the top.

A dossier waits for a signature in a state of national code 4 (processing) from which the
signing role may resolve it (a transition to a state of code 9). In the shipped workflow that is
"Awaiting Signature"; an admin may rename it or add a review before it, and the worklist
follows the workflow. Rows come through `frappe.get_list`: each reader sees their own units.
"""

import frappe
from frappe import _
from frappe.utils import get_fullname, now_datetime

from ward_admin.one_stop.doctype.dossier import states
from ward_admin.services import dossier_states as codes

SIGNING_ROLE = "Ward Leader"


def awaiting_signature() -> list[str]:
	"""The states of code 4 from which the signing role resolves a dossier."""
	codes_of = states.state_codes()
	return sorted(
		{
			row.state
			for row in states.workflow().transitions
			if row.allowed == SIGNING_ROLE
			and codes_of.get(row.state) == codes.PROCESSING
			and codes_of.get(row.next_state) == codes.RESOLVED
		},
		key=states.order_of,
	)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	waiting = awaiting_signature()
	conditions = {"status": ("in", waiting or [""])}
	for field in ("administrative_unit", "procedure_field"):
		if filters.get(field):
			conditions[field] = filters[field]
	rows = frappe.get_list(
		"Dossier",
		fields=[
			"name",
			"applicant_name",
			"procedure",
			"procedure_field",
			"administrative_unit",
			"status",
			"_assign",
			"due_at",
			"appointment_at",
		],
		filters=conditions,
		order_by="due_at asc, name asc",
		limit_page_length=0,
	)
	now = now_datetime()
	titles = {}
	for row in rows:
		if row.procedure not in titles:
			titles[row.procedure] = frappe.get_cached_value(
				"Administrative Procedure", row.procedure, "procedure_name"
			)
		assigned = frappe.parse_json(row.pop("_assign") or "[]")
		# people and units by name: the leader reads who prepared the draft, not a login
		row.prepared_by = get_fullname(assigned[0]) if assigned else None
		row.unit_name = frappe.get_cached_value("Administrative Unit", row.administrative_unit, "unit_name")
		row.procedure_name = titles[row.procedure]
		row.status = _(row.status)
		row.overdue = int(bool(row.due_at and row.due_at < now))
	return columns(), rows, None, chart(rows)


@frappe.whitelist()
def count() -> int:
	"""How many dossiers of the reader's units wait for a signature (the workspace's "To Sign")."""
	waiting = awaiting_signature()
	if not waiting:
		return 0
	return len(
		frappe.get_list("Dossier", filters={"status": ("in", waiting)}, pluck="name", limit_page_length=0)
	)


def columns() -> list[dict]:
	return [
		{"fieldname": "name", "label": _("Dossier"), "fieldtype": "Link", "options": "Dossier", "width": 200},
		{"fieldname": "applicant_name", "label": _("Applicant"), "fieldtype": "Data", "width": 170},
		{"fieldname": "procedure_name", "label": _("Procedure"), "fieldtype": "Data", "width": 260},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 130},
		{"fieldname": "prepared_by", "label": _("Prepared By"), "fieldtype": "Data", "width": 170},
		{"fieldname": "due_at", "label": _("Due At"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "overdue", "label": _("Overdue"), "fieldtype": "Check", "width": 80},
		{"fieldname": "unit_name", "label": _("Administrative Unit"), "fieldtype": "Data", "width": 170},
	]


def chart(rows: list) -> dict | None:
	"""On time or overdue: what the leader sees before reading the list."""
	if not rows:
		return None
	overdue = sum(row.overdue for row in rows)
	return {
		"data": {
			"labels": [_("On Time"), _("Overdue")],
			"datasets": [{"name": _("Dossiers"), "values": [len(rows) - overdue, overdue]}],
		},
		"type": "donut",
		"colors": ["#5e64ff", "#ff5858"],
		"height": 180,
	}
