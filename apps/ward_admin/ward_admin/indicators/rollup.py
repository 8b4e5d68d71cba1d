"""The Service Index's daily rollup: what the index adds up, kept exact from the dossiers.

A province has a million dossiers a year; adding them up for each report costs a scan of the
year (docs/rules.md, "Indicators"; issue 12: 7-14 s when MariaDB walks the `received_at` index). The
rollup holds, per day, unit and procedure field (a `Service Index Daily` row), the numerators and
denominators of the rates: received-based counts on the day of receipt, resolution-based counts
on the day of resolution. A year of a province is some hundred thousand rows.

It is never adjusted by increments. Whenever a dossier is saved or deleted, or a fee receipt of it
is issued or cancelled, the cells the dossier counts in, before and after the change, are counted
again from the dossiers themselves (`refresh`), each an indexed query over one unit and day; so a
cell is always what a full count would give, whatever order the changes come in. `rebuild`
counts a whole period at once (installation, the benchmark, repair).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import frappe
from frappe.utils import getdate, now_datetime

from ward_admin.fees import indicators as fees

ROLLUP = "Service Index Daily"
COUNTS = (
	"received",
	"received_online",
	"fee_dossiers",
	"paid_online",
	"resolved",
	"digitized",
	"resolved_on_time",
	"timed",
)
SUMS = ("processing_days",)
# what a dossier's save may change that the rollup counts
WATCHED = (
	"administrative_unit",
	"procedure_field",
	"channel",
	"received_at",
	"resolved_at",
	"fee_amount",
	"fee_exempt",
	"result_digitized",
	"timeliness",
	"processing_days",
)

Cell = tuple[date, str, str]  # (day, unit, procedure field or "")


def cell_name(cell: Cell) -> str:
	day, unit, field = cell
	return f"{day:%Y%m%d}|{unit}|{field}"


def cells_of(values) -> set[Cell]:
	"""The cells a dossier (a document or a dict of its columns) counts in."""
	cells = set()
	unit, field = values.get("administrative_unit"), values.get("procedure_field") or ""
	if not unit:
		return cells
	for column in ("received_at", "resolved_at"):
		if values.get(column):
			cells.add((getdate(values.get(column)), unit, field))
	return cells


# ---------------------------------------------------------------- counting from the dossiers


def _payment_terms() -> tuple[str, str]:
	"""The fees module's definitions, as SQL on the dossier `d`: it has a fee; the dossiers paid
	online (`ward_admin.fees.indicators`, the one definition of the online-payment rate)."""
	dossier = frappe.qb.DocType("Dossier").as_("d")
	with_fee = fees.has_fee(dossier).get_sql(quote_char="`", with_namespace=True)
	return with_fee, fees.paid_online_dossiers().get_sql()


def count(
	start: date, end: date, units: Iterable[str] | None = None, field: str | None = None
) -> dict[Cell, dict]:
	"""The rollup's cells for days start..end (inclusive), counted from the dossiers."""
	low, high = (
		datetime.combine(start, datetime.min.time()),
		datetime.combine(end + timedelta(days=1), datetime.min.time()),
	)
	scope, values = "", {"low": low, "high": high}
	if units is not None:
		units = tuple(units)
		if not units:
			return {}
		scope += " and d.administrative_unit in %(units)s"
		values["units"] = units
	if field is not None:
		scope += " and ifnull(d.procedure_field, '') = %(field)s"
		values["field"] = field
	cells: dict[Cell, dict] = {}

	def cell(row) -> dict:
		key = (row[0], row[1], row[2] or "")
		return cells.setdefault(key, dict.fromkeys(COUNTS + SUMS, 0))

	with_fee, paid_online = _payment_terms()
	received = frappe.db.sql(
		f"""select date(d.received_at), d.administrative_unit, ifnull(d.procedure_field, ''),
			count(*), sum(d.channel = 'Online'),
			sum({with_fee}),
			sum(({with_fee}) and paid.dossier is not null)
		from `tabDossier` d
		left join ({paid_online}) paid on paid.dossier = d.name
		where d.received_at >= %(low)s and d.received_at < %(high)s {scope}
		group by 1, 2, 3""",
		values,
	)
	for row in received:
		target = cell(row)
		for key, value in zip(
			("received", "received_online", "fee_dossiers", "paid_online"), row[3:], strict=True
		):
			target[key] = int(value or 0)
	resolved = frappe.db.sql(
		f"""select date(d.resolved_at), d.administrative_unit, ifnull(d.procedure_field, ''),
			count(*), sum(ifnull(d.result_digitized, 0) = 1),
			sum(d.timeliness in ('Early', 'On Time')),
			count(*), sum(d.processing_days)
		from `tabDossier` d
		where d.resolved_at >= %(low)s and d.resolved_at < %(high)s {scope}
		group by 1, 2, 3""",
		values,
	)
	for row in resolved:
		target = cell(row)
		for key, value in zip(("resolved", "digitized", "resolved_on_time", "timed"), row[3:7], strict=True):
			target[key] = int(value or 0)
		target["processing_days"] = round(float(row[7] or 0), 4)
	return cells


# ---------------------------------------------------------------- writing the rollup


def write(cells: dict[Cell, dict], empty: Iterable[Cell] = ()) -> None:
	"""Upsert counted cells; delete the `empty` ones that count nothing any more."""
	now, user = now_datetime(), frappe.session.user or "Administrator"
	rows = [
		(
			cell_name(key),
			now,
			now,
			user,
			user,
			key[0],
			key[1],
			key[2] or None,
			*tuple(values[name] for name in COUNTS + SUMS),
		)
		for key, values in cells.items()
		if any(values[name] for name in COUNTS)
	]
	columns = (
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"day",
		"administrative_unit",
		"procedure_field",
	)
	columns += COUNTS + SUMS
	placeholders = "(" + ", ".join(["%s"] * len(columns)) + ")"
	updates = ", ".join(f"`{c}` = values(`{c}`)" for c in ("modified", *COUNTS, *SUMS))
	for start in range(0, len(rows), 2000):
		chunk = rows[start : start + 2000]
		frappe.db.sql(
			f"""insert into `tab{ROLLUP}` ({", ".join(f"`{c}`" for c in columns)})
			values {", ".join([placeholders] * len(chunk))}
			on duplicate key update {updates}""",
			[value for row in chunk for value in row],
		)
	gone = [
		cell_name(key)
		for key in set(empty) | set(cells)
		if not any(cells.get(key, {}).get(n) for n in COUNTS)
	]
	if gone:
		frappe.db.delete(ROLLUP, {"name": ("in", gone)})


def refresh(cells: Iterable[Cell]) -> None:
	"""Count the given cells again from the dossiers."""
	for unit_day_field in set(cells):
		day, unit, field = unit_day_field
		write(count(day, day, [unit], field), empty=[unit_day_field])


def rebuild(start: date, end: date, units: Iterable[str] | None = None) -> int:
	"""Count every cell of the days start..end (of `units`, or all) again; returns the rows kept."""
	start, end = getdate(start), getdate(end)
	rollup = frappe.qb.DocType(ROLLUP)
	query = frappe.qb.from_(rollup).delete().where((rollup.day >= start) & (rollup.day <= end))
	if units is not None:
		units = list(units)
		if not units:
			return 0
		query = query.where(rollup.administrative_unit.isin(units))
	query.run()
	cells = count(start, end, units)
	write(cells)
	return sum(1 for values in cells.values() if any(values[name] for name in COUNTS))


# ---------------------------------------------------------------- hooks (doc_events)


def on_dossier_change(doc, method=None) -> None:
	"""Dossier on_update (the first save of a new dossier included): recount the cells it left and
	the ones it is in."""
	before = doc.get_doc_before_save() if method == "on_update" else None
	if before is not None and all(doc.get(f) == before.get(f) for f in WATCHED):
		return
	cells = cells_of(doc) | (cells_of(before) if before is not None else set())
	if cells:
		refresh(cells)


def after_dossier_delete(doc, method=None) -> None:
	"""Dossier after_delete: the deleted dossier no longer counts."""
	refresh(cells_of(doc))


def on_receipt_change(doc, method=None) -> None:
	"""Fee Receipt on_submit / on_cancel / on_update_after_submit: the dossier's online payment."""
	if not doc.get("dossier"):
		return
	values = frappe.db.get_value(
		"Dossier", doc.dossier, ["administrative_unit", "procedure_field", "received_at"], as_dict=True
	)
	if values:
		refresh(cells_of(values))
