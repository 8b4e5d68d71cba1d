# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""Service Index: one row per unit with every rate's numerator and denominator, the weighted score
and the rank among the units under the chosen one (ward_admin.indicators.service_index), live
or as frozen in a published Indicator Snapshot. Staff of a ward see their own ward's row, ranked
among all (Frappe drops the rows of units the reader may not see)."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from ward_admin.indicators import service_index
from ward_admin.indicators.doctype.indicator_snapshot.indicator_snapshot import snapshot_rows


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if filters.snapshot:
		snapshot, rows = snapshot_rows(filters.snapshot)
		message = _("Figures frozen on {0} by {1}: later changes of dossiers do not change them").format(
			frappe.format(snapshot.frozen_at, "Datetime"), frappe.utils.get_fullname(snapshot.frozen_by)
		)
		return columns(), rows, message, chart(rows)
	root = filters.administrative_unit or default_root()
	if not root:
		return columns(), []
	rows = service_index.compute(
		root,
		filters.from_date or getdate(nowdate()).replace(month=1, day=1),
		filters.to_date or nowdate(),
		filters.procedure_field,
	)
	return columns(), rows, None, chart(rows)


def default_root() -> str | None:
	"""The top of the reader's unit tree: a ward's staff see their ward ranked in the province."""
	unit = frappe.defaults.get_user_default("Administrative Unit")
	if not unit:
		return frappe.db.get_value(
			"Administrative Unit", {"parent_administrative_unit": ("is", "not set")}, "name", order_by="lft"
		)
	lft, rgt = frappe.db.get_value("Administrative Unit", unit, ["lft", "rgt"])
	return frappe.db.get_value(
		"Administrative Unit", {"lft": ("<=", lft), "rgt": (">=", rgt)}, "name", order_by="lft asc"
	)


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
	]


def chart(rows: list[dict]) -> dict | None:
	scored = [row for row in rows if row.get("score") is not None][:30]
	if not scored:
		return None
	return {
		"data": {
			"labels": [row.get("unit_name") or row["administrative_unit"] for row in scored],
			"datasets": [{"name": _("Score"), "values": [row["score"] for row in scored]}],
		},
		"type": "bar",
		"colors": ["#2490ef"],
	}
