"""What the outbox tells the indicators (docs/contract.md, "Integrations"): the national portal's
sync rate of the Service Index and the leader's card of undelivered messages. The indicators
read these two functions, never the outbox's tables (as they read `fees.indicators`).

- **Sync rate** = dossiers whose every change reached the national portal ÷ dossiers the sync
  should have reported (received since the sync was switched on, `National Portal Settings.
  enabled_since`). A dossier has not reached the portal while one of its `National Portal`
  messages is Queued, Failed, Dead or Cancelled (a cancelled change never reached it). With the
  sync off the rate is not measured (empty), not 0.
- **Undelivered messages**: the messages of the reader's units that have waited more than
  `UNDELIVERED_AFTER_MINUTES` and are still not delivered, of every channel; the outbox's admins
  open the Outbox Status report from the card.

Both are counted over the few messages that are not delivered (the `status` index), so they cost
nothing at province scale; the number of dossiers comes from the Service Index's rollup.
"""

from __future__ import annotations

from datetime import date, datetime

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Min
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from ward_admin.integrations.messages import CANCELLED, DOCTYPE, NATIONAL_PORTAL, UNFINISHED
from ward_admin.permissions.scope import units_of

SETTINGS = "National Portal Settings"
# a National Portal message in one of these has not reached the portal
NOT_REACHED = (*UNFINISHED, CANCELLED)
UNDELIVERED_AFTER_MINUTES = 10
# who reads the leader's workspace cards (as the rate cards)
READERS = frozenset({"Ward Leader", "Ward Admin", "Inspector", "Emulation Officer", "System Manager"})


def sync_since() -> datetime | None:
	"""When the national portal's sync was switched on; None while it is off (switched on without
	the form, e.g. by `set_single_value`: from the beginning)."""
	values = frappe.db.get_singles_dict(SETTINGS)
	if not frappe.utils.cint(values.get("enabled")):
		return None
	return get_datetime(values.get("enabled_since")) if values.get("enabled_since") else datetime(2000, 1, 1)


def sync_start(from_date: date) -> date | None:
	"""The first day of the period from which the sync should have reported every dossier
	received (None: the sync is off)."""
	since = sync_since()
	if since is None:
		return None
	return max(getdate(from_date), since.date())


def unsynced(
	units: list[str] | None,
	from_date: date,
	to_date: date,
	by: str = "administrative_unit",
	procedure_field: str | None = None,
) -> dict[str, int]:
	"""{unit (or procedure field, `by`): dossiers received from_date..to_date, since the sync was
	switched on, with a change that has not reached the national portal}."""
	since = sync_since()
	if since is None:
		return {}
	low = max(get_datetime(getdate(from_date)), since)
	high = get_datetime(frappe.utils.add_days(getdate(to_date), 1))
	message = frappe.qb.DocType(DOCTYPE)
	dossier = frappe.qb.DocType("Dossier")
	key = dossier.administrative_unit if by == "administrative_unit" else dossier.procedure_field
	query = (
		frappe.qb.from_(message)
		.join(dossier)
		.on(dossier.name == message.reference_name)
		.select(key.as_("key"), Count(dossier.name).distinct().as_("count"))
		.where(message.status.isin(NOT_REACHED))
		.where(message.channel == NATIONAL_PORTAL)
		.where(message.reference_doctype == "Dossier")
		.where((dossier.received_at >= low) & (dossier.received_at < high))
		.groupby(key)
	)
	if units is not None:
		if not units:
			return {}
		query = query.where(dossier.administrative_unit.isin(list(units)))
	if procedure_field:
		query = query.where(dossier.procedure_field == procedure_field)
	return {row.key or "": int(row.count) for row in query.run(as_dict=True)}


def undelivered(units: list[str] | frozenset[str] | None, now: datetime | None = None) -> dict:
	"""The messages of `units` (None: all) not delivered after `UNDELIVERED_AFTER_MINUTES`: how
	many and since when the oldest waits."""
	message = frappe.qb.DocType(DOCTYPE)
	cutoff = add_to_date(now or now_datetime(), minutes=-UNDELIVERED_AFTER_MINUTES)
	query = (
		frappe.qb.from_(message)
		.select(Count("*").as_("count"), Min(message.creation).as_("oldest"))
		.where(message.status.isin(UNFINISHED))
		.where(message.creation < cutoff)
	)
	if units is not None:
		if not units:
			return {"count": 0, "oldest": None}
		query = query.where(message.administrative_unit.isin(list(units)))
	row = query.run(as_dict=True)[0]
	return {"count": int(row["count"] or 0), "oldest": row["oldest"]}


@frappe.whitelist()
def undelivered_card(filters=None) -> dict:
	"""The Number Card "Undelivered Messages" of the leader's workspace: the reader's own units."""
	if not READERS & set(frappe.get_roles()):
		frappe.throw(
			_("Only leaders, admins and inspectors read the service indicators"), frappe.PermissionError
		)
	figures = undelivered(units_of(None, "Dossier"))
	card = {"value": figures["count"], "fieldtype": "Int"}
	if frappe.has_permission(DOCTYPE, "read"):
		card["route"] = ["query-report", "Outbox Status"]
	return card
