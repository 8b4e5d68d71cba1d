# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""Unit Ranking: the units under the chosen one by their Service Index score, with the change
since the previous period of the same length (a month against the month before)."""

import frappe
from frappe import _
from frappe.utils import add_days, date_diff, getdate, nowdate

from ward_admin.indicators import service_index
from ward_admin.indicators.report.service_index.service_index import default_root


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	root = filters.administrative_unit or default_root()
	if not root:
		return columns(), []
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or to_date.replace(day=1))
	rows = service_index.compute(root, from_date, to_date, filters.procedure_field)
	length = date_diff(to_date, from_date) + 1
	before = {
		row["administrative_unit"]: row
		for row in service_index.compute(
			root, add_days(from_date, -length), add_days(from_date, -1), filters.procedure_field
		)
	}
	for row in rows:
		previous = before.get(row["administrative_unit"], {})
		row["previous_rank"] = previous.get("rank")
		row["previous_score"] = previous.get("score")
		row["rank_change"] = (
			previous["rank"] - row["rank"] if row.get("rank") and previous.get("rank") else None
		)
		row["score_change"] = (
			round(row["score"] - previous["score"], 2)
			if row.get("score") is not None and previous.get("score") is not None
			else None
		)
	message = _("Compared with {0} to {1}").format(
		frappe.format(add_days(from_date, -length), "Date"), frappe.format(add_days(from_date, -1), "Date")
	)
	return columns(), rows, message, chart(rows)


def columns() -> list[dict]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 65},
		{"fieldname": "unit_name", "label": _("Unit Name"), "fieldtype": "Data", "width": 200},
		{
			"fieldname": "administrative_unit",
			"label": _("Administrative Unit"),
			"fieldtype": "Link",
			"options": "Administrative Unit",
			"width": 200,
		},
		{"fieldname": "score", "label": _("Score"), "fieldtype": "Float", "precision": 2, "width": 90},
		{"fieldname": "previous_rank", "label": _("Previous Rank"), "fieldtype": "Int", "width": 100},
		{"fieldname": "rank_change", "label": _("Change of Rank"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "previous_score",
			"label": _("Previous Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 110,
		},
		{
			"fieldname": "score_change",
			"label": _("Change of Score"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 110,
		},
		{
			"fieldname": "on_time_rate",
			"label": _("On-Time Rate"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 105,
		},
		{
			"fieldname": "online_receipt_rate",
			"label": _("Online Receipt Rate"),
			"fieldtype": "Percent",
			"precision": 2,
			"width": 105,
		},
	]


def chart(rows: list[dict]) -> dict | None:
	scored = [row for row in rows if row.get("score") is not None][:30]
	if not scored:
		return None
	return {
		"data": {
			"labels": [row.get("unit_name") or row["administrative_unit"] for row in scored],
			"datasets": [
				{"name": _("Score"), "values": [row["score"] for row in scored]},
				{"name": _("Previous Score"), "values": [row.get("previous_score") or 0 for row in scored]},
			],
		},
		"type": "bar",
	}
