# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""Service Index: one row per unit with every rate's numerator and denominator, the weighted score
and the rank among the units under the chosen one (ward_admin.indicators.service_index), live
or as frozen in a published Indicator Snapshot. Staff of a ward see their own ward's row, ranked
among all (Frappe drops the rows of units the reader may not see).

Grouped by procedure field (filter `group_by`), the rows are the chosen unit's fields instead, and
for a ward its score and rank in the province stand above them. Drill-down province -> ward ->
dossiers: a unit's name re-runs the report for that unit by procedure field; a count of received
dossiers opens those dossiers' list."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from ward_admin.indicators import service_index
from ward_admin.indicators.doctype.indicator_snapshot.indicator_snapshot import snapshot_rows
from ward_admin.permissions.scope import in_scope
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if filters.snapshot:
		snapshot, rows = snapshot_rows(filters.snapshot)
		message = _("Figures frozen on {0} by {1}: later changes of dossiers do not change them").format(
			frappe.format(snapshot.frozen_at, "Datetime"), frappe.utils.get_fullname(snapshot.frozen_by)
		)
		return columns(), rows, message, chart(rows)
	by_field = filters.group_by == "Procedure Field"
	own = frappe.defaults.get_user_default("Administrative Unit") if by_field else None
	root = filters.administrative_unit or own or default_root()
	if not root:
		return columns(), []
	from_date = filters.from_date or getdate(nowdate()).replace(month=1, day=1)
	to_date = filters.to_date or nowdate()
	if by_field:
		columns_, rows, message, chart_ = field_view(root, from_date, to_date)
		if filters.procedure_field:
			rows = [row for row in rows if row["procedure_field"] == filters.procedure_field]
		return columns_, rows, message, chart_
	rows = service_index.compute(root, from_date, to_date, filters.procedure_field)
	return columns(), rows, None, chart(rows)


def is_ward(unit: str) -> bool:
	return frappe.db.get_value("Administrative Unit", unit, "is_group") == 0


def field_view(unit: str, from_date, to_date):
	"""A unit's figures per procedure field; for a ward (the drill-down's ward level), its place
	in the province. Only for readers of the unit's dossiers."""
	if not in_scope(unit, doctype="Dossier"):
		frappe.throw(
			_("You may not read the figures of {0}").format(unit),
			exc=frappe.PermissionError,
			title=_("Not Permitted"),
		)
	rows = service_index.compute_by_field(unit, from_date, to_date)
	province = unit_tree.province_of(unit) if is_ward(unit) else None
	ranked = service_index.compute(province, from_date, to_date) if province else []
	mine = next((row for row in ranked if row["administrative_unit"] == unit), None)
	unit_name = frappe.db.get_value("Administrative Unit", unit, "unit_name") or unit
	if mine and mine["rank"]:
		message = _("{0} by procedure field: score {1}, rank {2} of {3} in {4}").format(
			unit_name,
			frappe.format(mine["score"], {"fieldtype": "Float", "precision": 2}),
			mine["rank"],
			sum(1 for row in ranked if row["rank"]),
			frappe.db.get_value("Administrative Unit", province, "unit_name") or province,
		)
	else:
		message = _("{0} by procedure field").format(unit_name)
	ward_columns = [
		columns()[0],
		{
			"fieldname": "procedure_field",
			"label": _("Procedure Field"),
			"fieldtype": "Link",
			"options": "Procedure Field",
			"width": 220,
		},
		*columns()[2:],
	]
	return ward_columns, rows, message, chart(rows, label="procedure_field")


def default_root() -> str | None:
	"""The top of the reader's unit tree: a ward's staff see their ward ranked in the province."""
	unit = frappe.defaults.get_user_default("Administrative Unit")
	if not unit:
		return next(iter(unit_tree.roots()), None)
	return unit_tree.province_of(unit)


def columns() -> list[dict]:
	def col(fieldname, label, fieldtype="Int", width=95, **kw):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **kw}

	def pct(fieldname, label):
		return col(fieldname, label, "Percent", 105, precision=2)

	return [
		col("rank", _("Rank"), width=65),
		col("unit_name", _("Unit Name"), "Data", 200),
		col("administrative_unit", _("Administrative Unit"), "Link", 130, options="Administrative Unit"),
		col("score", _("Score"), "Float", 80, precision=2),
		col("received", _("Dossiers Received")),
		col("received_online", _("Received Online")),
		pct("online_receipt_rate", _("Online Receipt Rate")),
		col("fee_dossiers", _("Dossiers with a Fee")),
		col("paid_online", _("Paid Online")),
		pct("online_payment_rate", _("Online Payment Rate")),
		col("resolved", _("Dossiers Resolved")),
		col("digitized", _("Digitized")),
		pct("digitization_rate", _("Digitization Rate")),
		col("resolved_on_time", _("Resolved Early or On Time")),
		pct("on_time_rate", _("On-Time Rate")),
		col("avg_processing_days", _("Average Processing Time (Working Days)"), "Float", 120, precision=2),
		col("avg_rating", _("Average Rating"), "Float", 90, precision=2),
		col("sync_dossiers", _("Dossiers to Sync")),
		col("synced", _("Synced to the National Portal")),
		pct("sync_rate", _("Sync Rate")),
	]


def chart(rows: list[dict], label: str = "unit_name") -> dict | None:
	scored = [row for row in rows if row.get("score") is not None][:30]
	if not scored:
		return None
	return {
		"data": {
			"labels": [
				row.get(label)
				or (row["administrative_unit"] if label == "unit_name" else _("No Procedure Field"))
				for row in scored
			],
			"datasets": [{"name": _("Score"), "values": [row["score"] for row in scored]}],
		},
		"type": "bar",
		"colors": ["#2490ef"],
	}
