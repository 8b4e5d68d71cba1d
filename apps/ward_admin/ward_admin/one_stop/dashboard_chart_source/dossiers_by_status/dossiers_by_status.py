"""Dossiers by workflow state, in the order of the Dossier workflow, with the states' translated names.

Frappe's group-by charts show raw field values, so the leaders' donut would read in English.
The counts go through `frappe.get_list`, so each user sees their own units' dossiers; nothing is
cached across users (Frappe's `cache_source` keys by chart only).
"""

import frappe
from frappe import _

from ward_admin.one_stop.dashboard_chart_source import dossier_conditions
from ward_admin.one_stop.doctype.dossier import states

FILTERABLE = ("administrative_unit", "procedure_field")


@frappe.whitelist()
def get(filters=None, **kwargs) -> dict:
	"""Frappe's chart widget also sends chart_name, timespan and the like: a snapshot needs none."""
	rows = frappe.get_list(
		"Dossier",
		fields=["status", "count(name) as count"],
		filters=dossier_conditions(filters, FILTERABLE),
		group_by="status",
		order_by="status asc",
	)
	last = len(states.state_codes()) + 1
	rows.sort(key=lambda row: (states.order_of(row.status) or last, row.status or ""))
	return {
		"labels": [_(row.status) if row.status else _("Not Specified") for row in rows],
		"datasets": [{"name": _("Dossiers"), "values": [row.count for row in rows]}],
	}
