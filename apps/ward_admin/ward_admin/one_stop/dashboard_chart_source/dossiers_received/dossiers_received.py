"""Dossiers received per day (or week, month …), counted for the user who reads the chart.

Frappe's own Count charts keep one cached result per chart for every user (`cache_source`
keys by chart name), so a ward leader would read whichever unit, or the whole province,
loaded the chart first. This source computes the same series with Frappe's chart helper
through `frappe.get_list`, i.e. with the reader's unit permissions, on each load.
"""

import frappe
from frappe import _
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get_chart_config

from ward_admin import arguments
from ward_admin.one_stop.dashboard_chart_source import TIME_INTERVALS, TIMESPANS, dossier_conditions

FILTERABLE = ("administrative_unit", "procedure_field", "channel")


@frappe.whitelist()
def get(
	chart_name=None, filters=None, from_date=None, to_date=None, timespan=None, time_interval=None, **kwargs
) -> dict:
	saved = frappe.get_doc("Dashboard Chart", chart_name) if chart_name else frappe._dict()
	timespan = arguments.choice_value(
		timespan or saved.get("timespan") or "Last Month", _("Timespan"), TIMESPANS
	)
	time_interval = arguments.choice_value(
		time_interval or saved.get("time_interval") or "Daily", _("Time Interval"), TIME_INTERVALS
	)
	if timespan == "Select Date Range":
		from_date = arguments.datetime_value(from_date or saved.get("from_date"), _("From Date"))
		to_date = arguments.datetime_value(to_date or saved.get("to_date"), _("To Date"))
	else:
		from_date = to_date = None
	series = frappe._dict(
		name=_("Dossiers Received"), document_type="Dossier", based_on="received_at", chart_type="Count"
	)
	return get_chart_config(
		series,
		dossier_conditions(filters, FILTERABLE),
		timespan,
		time_interval,
		from_date,
		to_date,
	)
