"""Emulation Leaderboard: a period's staff ranked by score, with their rating and proposed title.

A closed period shows its frozen Staff Period Score rows; an open one the same rows computed live
(`Emulation Period.get_scores`), so a leader watches the month or quarter as it goes. Only those
who run the reviews read it (the report's roles), and only for periods of their units.
"""

import frappe
from frappe import _


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	if not filters.emulation_period:
		return columns(), []
	if not frappe.db.exists("Emulation Period", filters.emulation_period):
		raise frappe.DoesNotExistError
	period = frappe.get_doc("Emulation Period", filters.emulation_period)
	period.check_permission("read")
	rows = [dict(row) for row in period.get_scores()]
	for row in rows:
		row["rating_label"] = _(row["rating_level"]) if row.get("rating_level") else ""
	message = (
		_("Frozen when the period closed on {0}").format(frappe.format(period.closed_at, "Datetime"))
		if period.status == "Closed"
		else _("The period is open: the scores are computed now and change until it closes")
	)
	return columns(), rows, message, chart(rows)


def columns() -> list[dict]:
	def col(fieldname, label, fieldtype="Int", width=100, **kw):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **kw}

	return [
		col("rank", _("Rank"), width=70),
		# not a Link: see the Staff KPI report (Frappe filters rows by Employee User Permissions)
		col("employee", _("Employee"), "Data", 130),
		col("employee_name", _("Employee Name"), "Data", 180),
		col("administrative_unit", _("Administrative Unit"), "Link", 150, options="Administrative Unit"),
		col("final_score", _("Final Score"), "Float", precision=2),
		col("rating_label", _("Rating Level"), "Data", 130),
		col("proposed_title", _("Proposed Title"), "Data", 170),
		col("points", _("Points"), "Float", precision=2),
		col("dossiers_handled", _("Handled")),
		col("on_time_rate", _("On-Time Rate"), "Percent"),
		col("late", _("Late")),
		col("steps_late", _("Steps Late")),
		col("avg_rating", _("Average Rating"), "Float", precision=2),
	]


def chart(rows) -> dict | None:
	if not rows:
		return None
	shown = rows[:30]
	return {
		"type": "bar",
		"colors": ["#5e64ff"],
		"data": {
			"labels": [row["employee_name"] for row in shown],
			"datasets": [{"name": _("Final Score"), "values": [row["final_score"] for row in shown]}],
		},
		"yMarkers": [{"label": _("Excellent"), "value": 90}, {"label": _("Good"), "value": 70}],
	}
