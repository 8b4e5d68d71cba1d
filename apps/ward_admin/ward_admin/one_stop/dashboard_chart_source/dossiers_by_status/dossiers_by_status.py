"""Dossiers by workflow state, in national status-code order, with the states' translated names.

Frappe's group-by charts show raw field values, so the leaders' donut would read in English.
The counts go through `frappe.get_list`, so each user sees their own units' dossiers; nothing is
cached across users (Frappe's `cache_source` keys by chart only).
"""

import frappe
from frappe import _

from ward_admin.services.dossier_states import STATUS_CODES

FILTERABLE = ("administrative_unit", "procedure_field")


@frappe.whitelist()
def get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
) -> dict:
	filters = frappe.parse_json(filters) or {}
	conditions = {field: filters[field] for field in FILTERABLE if filters.get(field)}
	rows = frappe.get_list(
		"Dossier",
		fields=["status", "count(name) as count"],
		filters=conditions,
		group_by="status",
		order_by="status asc",
	)
	rows.sort(key=lambda row: (STATUS_CODES.get(row.status, len(STATUS_CODES) + 1), row.status or ""))
	return {
		"labels": [_(row.status) if row.status else _("Not Specified") for row in rows],
		"datasets": [{"name": _("Dossiers"), "values": [row.count for row in rows]}],
	}
