"""The on-time and online-receipt rates month by month, for the units the reader sees."""

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from ward_admin.indicators.dashboard import monthly, reader_units

MONTHS = 12


@frappe.whitelist()
def get(
	chart_name=None, filters=None, from_date=None, to_date=None, timespan=None, time_interval=None, **kwargs
):
	rows = monthly(reader_units(), MONTHS, getdate(nowdate()))
	return {
		"labels": [f"{row['month']:%m/%y}" for row in rows],  # 5 letters: Frappe Charts cuts longer ones
		"datasets": [
			{"name": _("On-Time Rate"), "values": [row["on_time_rate"] or 0 for row in rows]},
			{"name": _("Online Receipt Rate"), "values": [row["online_receipt_rate"] or 0 for row in rows]},
			{"name": _("Online Payment Rate"), "values": [row["online_payment_rate"] or 0 for row in rows]},
		],
		"type": "line",
		"fieldtype": "Percent",
	}
