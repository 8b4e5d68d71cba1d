"""Outbox Status: what the outbox has not delivered, by channel (the admins' view of the outbox):
messages Queued, Failed and Dead, and how long the oldest of them has waited. Read with the reader's
permissions: a ward's admin sees their unit's messages, the province all."""

import frappe
from frappe import _
from frappe.utils import flt, now_datetime

from ward_admin.integrations import outbox


def execute(filters=None):
	columns = [
		{"label": _("Channel"), "fieldname": "channel", "fieldtype": "Data", "width": 200},
		{"label": _("Queued"), "fieldname": "queued", "fieldtype": "Int", "width": 110},
		{"label": _("Failed"), "fieldname": "failed", "fieldtype": "Int", "width": 110},
		{"label": _("Dead"), "fieldname": "dead", "fieldtype": "Int", "width": 110},
		{
			"label": _("Oldest Undelivered (hours)"),
			"fieldname": "oldest_hours",
			"fieldtype": "Float",
			"precision": 1,
			"width": 200,
		},
	]
	return columns, rows()


def rows() -> list[dict]:
	counts = frappe.get_list(
		outbox.DOCTYPE,
		filters={"status": ("in", outbox.UNFINISHED)},
		fields=["channel", "status", "count(name) as count", "min(creation) as oldest"],
		group_by="channel, status",
		order_by="channel",
	)
	now = now_datetime()
	by_channel = {
		channel: {"channel": _(channel), "queued": 0, "failed": 0, "dead": 0, "oldest": None}
		for channel in outbox.CHANNELS
	}
	for row in counts:
		line = by_channel[row.channel]
		line[row.status.lower()] = row.count
		if row.oldest and (line["oldest"] is None or row.oldest < line["oldest"]):
			line["oldest"] = row.oldest
	result = []
	for line in by_channel.values():
		oldest = line.pop("oldest")
		line["oldest_hours"] = flt((now - oldest).total_seconds() / 3600, 1) if oldest else None
		result.append(line)
	return result
