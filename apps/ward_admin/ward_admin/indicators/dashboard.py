"""What the leader's workspace shows (issue 12): ratio cards that Frappe's count cards cannot
express, each computed for the reader's own units (all units for the province), from the
Service Index rollup.

`rate_cards` gives the four rates (and the national portal's sync rate while the sync is on) of this month so far with their numerators, denominators and
the change since last month, and the rank of the reader's unit among the units of its province;
the chart source `Service Index by Month` gives the monthly on-time and online rates.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.utils import add_months, get_first_day, get_last_day, getdate, nowdate

from ward_admin.indicators import service_index
from ward_admin.permissions.scope import units_of
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

READERS = frozenset({"Ward Leader", "Ward Admin", "Inspector", "Emulation Officer", "System Manager"})
CARDS = (
	("on_time_rate", "On-Time Rate"),
	("online_receipt_rate", "Online Receipt Rate"),
	("online_payment_rate", "Online Payment Rate"),
	("digitization_rate", "Digitization Rate"),
)


# the national portal's sync rate, shown while the sync is on
SYNC_CARD = ("sync_rate", "Sync Rate")
PARTS = {
	**{name: (numerator, denominator) for name, (numerator, denominator, _w) in service_index.RATES.items()},
	"sync_rate": ("synced", "sync_dossiers"),
}


def reader_units(user: str | None = None) -> list[str] | None:
	"""The units whose figures the reader sees: their own (with the units under them); None for
	the whole province."""
	units = units_of(user, "Dossier")
	return None if units is None else sorted(units)


@frappe.whitelist()
def rate_cards(today: str | None = None) -> dict:
	"""The four rates of this month so far against last month, for the reader's units."""
	# the report roles (Frappe's only_for is a no-op under tests, so the check is spelled out)
	if not READERS & set(frappe.get_roles()):
		frappe.throw(
			_("Only leaders, admins and inspectors read the service indicators"), frappe.PermissionError
		)
	today = getdate(today or nowdate())
	start = get_first_day(today)
	last_start, last_end = get_first_day(add_months(today, -1)), get_last_day(add_months(today, -1))
	units = reader_units()
	now, before = (
		service_index.summary(units, start, today),
		service_index.summary(units, last_start, last_end),
	)
	cards = []
	shown = CARDS + ((SYNC_CARD,) if now["sync_dossiers"] is not None else ())
	for name, label in shown:
		numerator, denominator = PARTS[name]
		change = (
			round(now[name] - before[name], 2) if now[name] is not None and before[name] is not None else None
		)
		cards.append(
			{
				"key": name,
				"label": _(label),
				"rate": now[name],
				"numerator": now[numerator],
				"denominator": now[denominator],
				"numerator_label": _(NUMERATOR_LABELS[numerator]),
				"denominator_label": _(NUMERATOR_LABELS[denominator]),
				"previous": before[name],
				"change": change,
				"change_label": _("points since last month"),
			}
		)
	rank = None
	if units and len(units) == 1 and (province := unit_tree.province_of(units[0])):
		rows = service_index.compute(province, start, today)
		mine = next((row for row in rows if row["administrative_unit"] == units[0]), None)
		if mine and mine["rank"]:
			ranked = sum(1 for row in rows if row["rank"])
			rank = {
				"rank": mine["rank"],
				"of": ranked,
				"score": mine["score"],
				"text": _("Rank {0} of {1} this month (score {2})").format(
					mine["rank"], ranked, frappe.format(mine["score"], {"fieldtype": "Float", "precision": 2})
				),
			}
	return {
		"period": _("{0} to {1}").format(frappe.format(start, "Date"), frappe.format(today, "Date")),
		"cards": cards,
		"rank": rank,
	}


NUMERATOR_LABELS = {
	"received": "Dossiers Received",
	"received_online": "Received Online",
	"fee_dossiers": "Dossiers with a Fee",
	"paid_online": "Paid Online",
	"resolved": "Dossiers Resolved",
	"digitized": "Digitized",
	"resolved_on_time": "Resolved Early or On Time",
	"synced": "Synced to the National Portal",
	"sync_dossiers": "Dossiers to Sync",
}


def monthly(units: list[str] | None, months: int, today: date) -> list[dict]:
	"""The last `months` months' figures (this month so far included), oldest first."""
	return [
		{"month": first, **service_index.summary(units, first, min(get_last_day(first), today))}
		for first in (get_first_day(add_months(today, -back)) for back in range(months - 1, -1, -1))
	]
