"""Fee Collection: what each officer collected each day, by channel, and what they hand over.

One row per day, officer and channel: receipts issued, their amount, those since cancelled or
replaced, and the net the officer hands over (cash) or the bank shows (transfers, online).
Online receipts are issued by the gateway, shown as "Payment Gateway". Rows come through
`frappe.get_list`, so each reader totals only their own units' receipts.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import add_days, get_fullname, getdate, today

from ward_admin.fees.report.units import units_under

CHANNELS = ("Cash", "Bank Transfer", "Online")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.from_date or today())
	to_date = getdate(filters.to_date or from_date)
	conditions = [
		["docstatus", "!=", 0],
		["issued_at", ">=", from_date],
		["issued_at", "<", add_days(to_date, 1)],
	]
	units = units_under(filters.administrative_unit)
	if units is not None:
		if not units:  # no such unit: nothing of it was collected
			return columns(), [], None, chart([]), summary([])
		conditions.append(["administrative_unit", "in", units])
	for field in ("payment_channel", "issued_by"):
		if filters.get(field):
			conditions.append([field, "=", filters[field]])
	receipts = frappe.get_list(
		"Fee Receipt",
		fields=["issued_at", "issued_by", "payment_channel", "amount", "docstatus"],
		filters=conditions,
		order_by="issued_at asc",
		limit_page_length=0,
	)
	totals = defaultdict(lambda: {"receipts": 0, "amount": 0, "cancelled": 0, "cancelled_amount": 0})
	for row in receipts:
		key = (getdate(row.issued_at), row.issued_by or "", row.payment_channel)
		total = totals[key]
		total["receipts"] += 1
		total["amount"] += int(row.amount)
		if row.docstatus == 2:
			total["cancelled"] += 1
			total["cancelled_amount"] += int(row.amount)
	rows = []
	for (day, officer, channel), total in sorted(
		totals.items(), key=lambda item: (item[0][0], item[0][1], CHANNELS.index(item[0][2]))
	):
		rows.append(
			{
				"day": day,
				"officer": officer or None,
				"officer_name": get_fullname(officer) if officer else _("Payment Gateway"),
				"channel": channel,
				"payment_channel": _(channel),
				**total,
				"net_amount": total["amount"] - total["cancelled_amount"],
			}
		)
	return columns(), rows, None, chart(rows), summary(rows)


def columns() -> list[dict]:
	return [
		{"fieldname": "day", "label": _("Date"), "fieldtype": "Date", "width": 110},
		{"fieldname": "officer_name", "label": _("Collected By"), "fieldtype": "Data", "width": 180},
		{"fieldname": "payment_channel", "label": _("Payment Channel"), "fieldtype": "Data", "width": 150},
		{"fieldname": "receipts", "label": _("Receipts"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "amount",
			"label": _("Amount Collected"),
			"fieldtype": "Currency",
			"options": "VND",
			"width": 140,
		},
		{"fieldname": "cancelled", "label": _("Cancelled"), "fieldtype": "Int", "width": 90},
		{
			"fieldname": "cancelled_amount",
			"label": _("Amount Cancelled"),
			"fieldtype": "Currency",
			"options": "VND",
			"width": 140,
		},
		{
			"fieldname": "net_amount",
			"label": _("To Hand Over"),
			"fieldtype": "Currency",
			"options": "VND",
			"width": 140,
		},
	]


def chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	days = sorted({row["day"] for row in rows})
	datasets = []
	for channel in CHANNELS:
		label = _(channel)
		values = [
			sum(row["net_amount"] for row in rows if row["day"] == day and row["payment_channel"] == label)
			for day in days
		]
		if any(values):
			datasets.append({"name": label, "values": values})
	return {
		"data": {"labels": [frappe.format(day, "Date") for day in days], "datasets": datasets},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"fieldtype": "Currency",
		"options": "VND",
	}


def summary(rows: list[dict]) -> list[dict]:
	by_channel = {
		channel: sum(row["net_amount"] for row in rows if row["payment_channel"] == _(channel))
		for channel in CHANNELS
	}
	return [
		{
			"label": _(channel),
			"value": by_channel[channel],
			"datatype": "Currency",
			"currency": "VND",
			"indicator": "blue",
		}
		for channel in CHANNELS
	] + [
		{
			"label": _("Total"),
			"value": sum(by_channel.values()),
			"datatype": "Currency",
			"currency": "VND",
			"indicator": "green",
		}
	]
