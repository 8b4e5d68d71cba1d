# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""Overdue and At-Risk Dossiers: the open dossiers whose clock runs (national status codes 2 and
4), in a unit and the units under it, by working time left on their unit's calendar: overdue
first, then those within the warning margin (One-Stop Settings), then the rest when asked."""

import frappe
from frappe import _
from frappe.utils import cint, flt, get_datetime, now_datetime

from ward_admin.services import dossier_states as codes
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree
from ward_admin.ward_setup.doctype.working_calendar.deadlines import calendar_of_unit, get_engine_calendar

OVERDUE, AT_RISK, ON_TRACK = "Overdue", "At Risk", "On Track"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	conditions = {"status_code": ("in", sorted(codes.CLOCK_RUNNING)), "due_at": ("is", "set")}
	if filters.administrative_unit:
		conditions["administrative_unit"] = ("in", unit_tree.descendants(filters.administrative_unit) or [""])
	if filters.procedure_field:
		conditions["procedure_field"] = filters.procedure_field
	# frappe.get_list: the reader's units only, as every list of dossiers
	dossiers = frappe.get_list(
		"Dossier",
		filters=conditions,
		fields=["name", "administrative_unit", "procedure", "applicant_name", "status", "due_at", "_assign"],
		order_by="due_at asc",
		limit_page_length=5000,
	)
	margin = flt(frappe.db.get_single_value("One-Stop Settings", "warning_margin_hours")) or 4
	now = now_datetime()
	calendars, rows = {}, []
	for dossier in dossiers:
		unit = dossier.administrative_unit
		if unit not in calendars:
			calendars[unit] = get_engine_calendar(calendar_of_unit(unit))
		calendar, due = calendars[unit], get_datetime(dossier.due_at)
		hours = (
			-calendar.working_seconds_between(due, now)
			if now > due
			else calendar.working_seconds_between(now, due)
		) / 3600
		risk = OVERDUE if hours < 0 else AT_RISK if hours <= margin else ON_TRACK
		if risk == ON_TRACK and not cint(filters.show_on_track):
			continue
		assigned = frappe.parse_json(dossier._assign or "[]")
		rows.append(
			{
				"dossier": dossier.name,
				"applicant_name": dossier.applicant_name,
				"procedure": dossier.procedure,
				"status": _(dossier.status),
				"due_at": dossier.due_at,
				"hours_left": round(hours, 1),
				"risk": _(risk),
				"risk_key": risk,
				"assigned_to": ", ".join(frappe.utils.get_fullname(user) for user in assigned),
				"administrative_unit": unit,
			}
		)
	rows.sort(key=lambda row: row["hours_left"])
	return columns(), rows, None, chart(rows), summary(rows)


def columns() -> list[dict]:
	return [
		{
			"fieldname": "dossier",
			"label": _("Dossier"),
			"fieldtype": "Link",
			"options": "Dossier",
			"width": 200,
		},
		{"fieldname": "applicant_name", "label": _("Applicant Name"), "fieldtype": "Data", "width": 170},
		{
			"fieldname": "procedure",
			"label": _("Procedure"),
			"fieldtype": "Link",
			"options": "Administrative Procedure",
			"width": 120,
		},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "due_at", "label": _("Due At"), "fieldtype": "Datetime", "width": 150},
		{
			"fieldname": "hours_left",
			"label": _("Working Hours Left"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 120,
		},
		{"fieldname": "risk", "label": _("Risk"), "fieldtype": "Data", "width": 110},
		{"fieldname": "assigned_to", "label": _("Assigned To"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "administrative_unit",
			"label": _("Administrative Unit"),
			"fieldtype": "Link",
			"options": "Administrative Unit",
			"width": 120,
		},
	]


def summary(rows: list[dict]) -> list[dict]:
	count = {key: sum(1 for row in rows if row["risk_key"] == key) for key in (OVERDUE, AT_RISK)}
	return [
		{"label": _(OVERDUE), "value": count[OVERDUE], "datatype": "Int", "indicator": "red"},
		{"label": _(AT_RISK), "value": count[AT_RISK], "datatype": "Int", "indicator": "orange"},
	]


def chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	units = sorted({row["administrative_unit"] for row in rows})[:20]
	return {
		"data": {
			"labels": units,
			"datasets": [
				{
					"name": _(key),
					"values": [
						sum(
							1 for row in rows if row["administrative_unit"] == unit and row["risk_key"] == key
						)
						for unit in units
					],
				}
				for key in (OVERDUE, AT_RISK)
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#e24c4c", "#f8814f"],
	}
