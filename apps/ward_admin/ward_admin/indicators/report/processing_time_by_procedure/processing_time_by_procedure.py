# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""Processing Time by Procedure: for the dossiers resolved in the period (in a unit and the units
under it), per procedure, the mean, median and 90th percentile of the working days taken (stored
on each dossier when resolved, pauses left out) against the legal time limit, and the share
resolved within it."""

import statistics
from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate

from ward_admin.permissions.scope import units_of
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or to_date.replace(day=1))
	dossier = frappe.qb.DocType("Dossier")
	procedure = frappe.qb.DocType("Administrative Procedure")
	query = (
		frappe.qb.from_(dossier)
		.join(procedure)
		.on(procedure.name == dossier.procedure)
		.select(
			dossier.procedure,
			procedure.procedure_code,
			procedure.procedure_name,
			dossier.processing_time,
			dossier.time_unit,
			dossier.processing_days,
			dossier.timeliness,
		)
		.where((dossier.resolved_at >= from_date) & (dossier.resolved_at < add_days(to_date, 1)))
	)
	if filters.administrative_unit:
		query = query.where(
			dossier.administrative_unit.isin(unit_tree.descendants(filters.administrative_unit) or [""])
		)
	if filters.procedure_field:
		query = query.where(dossier.procedure_field == filters.procedure_field)
	# unit scoping as every list of dossiers: only the reader's units
	units = units_of(doctype="Dossier")
	if units is not None:
		query = query.where(dossier.administrative_unit.isin(list(units) or [""]))
	groups = defaultdict(list)
	for row in query.run(as_dict=True):
		groups[row.procedure].append(row)
	rows = []
	for name, items in groups.items():
		days = sorted(float(item.processing_days or 0) for item in items)
		first = items[0]
		limit = float(first.processing_time or 0)
		rows.append(
			{
				"procedure": name,
				"procedure_code": first.procedure_code,
				"procedure_name": first.procedure_name,
				"legal_time": limit,
				"time_unit": _(first.time_unit) if first.time_unit else "",
				"resolved": len(items),
				"mean_days": round(statistics.fmean(days), 2),
				"median_days": round(statistics.median(days), 2),
				"p90_days": round(days[min(len(days) - 1, int(0.9 * len(days)))], 2),
				"within_limit_rate": round(
					100 * sum(1 for item in items if item.timeliness in ("Early", "On Time")) / len(items), 2
				),
			}
		)
	rows.sort(key=lambda row: -row["resolved"])
	return columns(), rows, None, chart(rows)


def columns() -> list[dict]:
	def col(fieldname, label, fieldtype="Float", width=110, **kw):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **kw}

	return [
		col("procedure_code", _("Procedure Code"), "Data", 100),
		col("procedure_name", _("Procedure"), "Data", 280),
		col("legal_time", _("Legal Time Limit"), "Float", 100, precision=1),
		col("time_unit", _("Time Unit"), "Data", 120),
		col("resolved", _("Dossiers Resolved"), "Int", 90),
		col("mean_days", _("Mean (Working Days)"), precision=2),
		col("median_days", _("Median (Working Days)"), precision=2),
		col("p90_days", _("90th Percentile (Working Days)"), precision=2),
		col("within_limit_rate", _("On-Time Rate"), "Percent", 100, precision=2),
		col("procedure", _("Administrative Procedure"), "Link", 130, options="Administrative Procedure"),
	]


def chart(rows: list[dict]) -> dict | None:
	top = rows[:12]
	if not top:
		return None
	return {
		"data": {
			"labels": [row["procedure_code"] for row in top],
			"datasets": [
				{"name": _("Median (Working Days)"), "values": [row["median_days"] for row in top]},
				{"name": _("90th Percentile (Working Days)"), "values": [row["p90_days"] for row in top]},
				{"name": _("Legal Time Limit"), "values": [row["legal_time"] for row in top]},
			],
		},
		"type": "bar",
	}
