"""The Service Index (docs/contract.md "Reports", docs/rules.md "Indicators"; Decision 766/QĐ-TTg): per unit, the
rates with their numerators and denominators, a weighted score and the rank among units.

- online-receipt rate = received online ÷ received (received in the period);
- online-payment rate = dossiers with a fee paid online ÷ dossiers with a fee (received in the period);
- digitisation rate = resolved with a digitised result ÷ resolved (resolved in the period);
- on-time rate = resolved early or on time ÷ resolved;
- average processing time (working days) of the dossiers resolved in the period;
- average citizen rating of the ratings given in the period;
- sync rate = dossiers whose every change reached the national portal ÷ dossiers the sync should
  have reported (received in the period since it was switched on; `integrations.indicators` has
  the definition). It is shown, not scored: the national index measures the portal's own copy.

Rates are percentages with two decimals; a rate with no dossiers behind it is empty, not 0, and
is left out of the score, which is the weighted mean of the rates present (the satisfaction rate
is the average rating out of 5). Units with equal scores share a rank (1, 2, 2, 4).

The figures are added up from the daily rollup (`indicators.rollup`), one aggregate over at most
a row per unit, day and procedure field; nothing loads a document.
"""

from __future__ import annotations

from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Avg, Count, Sum
from frappe.utils import flt, getdate

from ward_admin.indicators.rollup import COUNTS, ROLLUP
from ward_admin.integrations import indicators as sync
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

RATES = {
	# rate: (numerator, denominator, weight field)
	"online_receipt_rate": ("received_online", "received", "weight_online_receipt"),
	"online_payment_rate": ("paid_online", "fee_dossiers", "weight_online_payment"),
	"digitization_rate": ("digitized", "resolved", "weight_digitization"),
	"on_time_rate": ("resolved_on_time", "resolved", "weight_on_time"),
}
# the sync rate's figures (shown, not scored)
SYNC = ("sync_dossiers", "synced", "sync_rate")
DEFAULT_WEIGHTS = {
	"weight_online_receipt": 11.0,
	"weight_online_payment": 11.0,
	"weight_digitization": 22.0,
	"weight_on_time": 20.0,
	"weight_rating": 18.0,
}


class InvalidPeriodError(frappe.ValidationError):
	"""A period whose end is before its start."""


def weights() -> dict[str, float]:
	stored = frappe.db.get_singles_dict("Service Index Settings")
	return {
		key: flt(stored.get(key)) if stored.get(key) not in (None, "") else value
		for key, value in DEFAULT_WEIGHTS.items()
	}


def rate(numerator: int, denominator: int) -> float | None:
	return round(100 * numerator / denominator, 2) if denominator else None


def score(row: dict, weight: dict[str, float]) -> float | None:
	parts = [(row[name], weight[field]) for name, (_n, _d, field) in RATES.items() if row[name] is not None]
	if row.get("avg_rating") is not None:
		parts.append((row["avg_rating"] * 20, weight["weight_rating"]))
	total = sum(w for _value, w in parts)
	return round(sum(value * w for value, w in parts) / total, 2) if total else None


def ranked_units(root: str) -> list[str]:
	"""The units ranked under `root`: its wards, communes and special zones, or `root` itself when
	it is one (or a group with none under it yet)."""
	return unit_tree.wards(root) or ([root] if unit_tree.exists(root) else [])


def _check_period(from_date: date, to_date: date) -> None:
	if to_date < from_date:
		frappe.throw(
			_("The period ends ({0}) before it starts ({1})").format(
				frappe.format(to_date, "Date"), frappe.format(from_date, "Date")
			),
			exc=InvalidPeriodError,
			title=_("Invalid Period"),
		)


def _figures(
	base: dict,
	totals: dict,
	rating: tuple[float | None, int],
	weight: dict[str, float],
	sync_figures: tuple[int | None, int] = (None, 0),
) -> dict:
	"""A row of the index: the counts, every rate, the average processing time, rating, sync rate
	and score. `sync_figures` = (dossiers the sync should have reported, or None while it is off;
	those whose changes have not all reached the portal)."""
	row = {**base, **dict.fromkeys(COUNTS, 0), "processing_days": 0.0, **totals}
	for name, (numerator, denominator, _field) in RATES.items():
		row[name] = rate(row[numerator], row[denominator])
	row["avg_processing_days"] = round(row["processing_days"] / row["timed"], 2) if row["timed"] else None
	row["avg_rating"], row["ratings_count"] = rating
	expected, behind = sync_figures
	row["sync_dossiers"] = expected
	row["synced"] = None if expected is None else max(expected - behind, 0)
	row["sync_rate"] = rate(row["synced"], expected) if expected else None
	row["score"] = score(row, weight)
	return row


def _sync(
	units: list[str],
	from_date: date,
	to_date: date,
	procedure_field: str | None,
	totals: dict[str, dict],
	by: str = "administrative_unit",
) -> dict[str, tuple[int, int]] | None:
	"""{unit (or procedure field): (dossiers the sync should have reported, those not all reached)}
	for the period; None while the sync is off."""
	start = sync.sync_start(from_date)
	if start is None:
		return None
	if start > to_date:
		return {}
	received = totals if start == from_date else _totals(units, start, to_date, procedure_field, by=by)
	behind = sync.unsynced(units, start, to_date, by=by, procedure_field=procedure_field)
	keys = set(totals) | set(received) | set(behind)
	return {key: (received.get(key, {}).get("received", 0), behind.get(key, 0)) for key in keys}


def compute(root: str, from_date, to_date, procedure_field: str | None = None) -> list[dict]:
	"""Every ranked unit under `root` for the period, best first."""
	from_date, to_date = getdate(from_date), getdate(to_date)
	_check_period(from_date, to_date)
	units = ranked_units(root)
	if not units:
		return []
	totals = _totals(units, from_date, to_date, procedure_field)
	ratings = _ratings(units, from_date, to_date, procedure_field)
	synced = _sync(units, from_date, to_date, procedure_field, totals)
	weight = weights()
	unit = frappe.qb.DocType("Administrative Unit")
	names = dict(frappe.qb.from_(unit).select(unit.name, unit.unit_name).where(unit.name.isin(units)).run())
	rows = [
		_figures(
			{"administrative_unit": name, "unit_name": names.get(name)},
			totals.get(name, {}),
			ratings.get(name, (None, 0)),
			weight,
			synced.get(name, (0, 0)) if synced is not None else (None, 0),
		)
		for name in units
	]
	return rank(rows)


def compute_by_field(root: str, from_date, to_date) -> list[dict]:
	"""The figures of `root` (its ranked units taken together) per procedure field, best first:
	the ward level of the drill-down (province -> ward -> dossiers) shows which field holds the
	ward's score back. Dossiers of a procedure without a field are one row with an empty field."""
	from_date, to_date = getdate(from_date), getdate(to_date)
	_check_period(from_date, to_date)
	units = ranked_units(root)
	if not units:
		return []
	totals = _totals(units, from_date, to_date, None, by="procedure_field")
	ratings = _ratings(units, from_date, to_date, None, by="procedure_field")
	synced = _sync(units, from_date, to_date, None, totals, by="procedure_field")
	weight = weights()
	fields = sorted(set(totals) | set(ratings))
	rows = [
		_figures(
			{"administrative_unit": root, "procedure_field": field or None},
			totals.get(field, {}),
			ratings.get(field, (None, 0)),
			weight,
			synced.get(field, (0, 0)) if synced is not None else (None, 0),
		)
		for field in fields
	]
	return rank(rows, key="procedure_field")


def rank(rows: list[dict], key: str = "administrative_unit") -> list[dict]:
	"""Best score first; equal scores share a rank; rows without a score come last, unranked."""
	rows.sort(key=lambda row: (row["score"] is None, -(row["score"] or 0), row[key] or ""))
	previous, position = None, 0
	for index, row in enumerate(rows, start=1):
		if row["score"] is None:
			row["rank"] = None
			continue
		if row["score"] != previous:
			position, previous = index, row["score"]
		row["rank"] = position
	return rows


def _totals(
	units: list[str],
	from_date: date,
	to_date: date,
	procedure_field: str | None,
	by: str = "administrative_unit",
) -> dict[str, dict]:
	"""{unit (or procedure field, `by`): its counts and processing days} from the rollup."""
	rollup = frappe.qb.DocType(ROLLUP)
	query = (
		frappe.qb.from_(rollup)
		.select(
			rollup[by].as_("key"),
			*(Sum(rollup[name]).as_(name) for name in (*COUNTS, "processing_days")),
		)
		.where((rollup.day >= from_date) & (rollup.day <= to_date))
		.groupby(rollup[by])
	)
	if len(units) < 500:
		query = query.where(rollup.administrative_unit.isin(units))
	if procedure_field:
		query = query.where(rollup.procedure_field == procedure_field)
	wanted = set(units)
	return {
		row.key or "": {
			**{name: int(row[name] or 0) for name in COUNTS},
			"processing_days": flt(row.processing_days),
		}
		for row in query.run(as_dict=True)
		if by != "administrative_unit" or row.key in wanted
	}


def _ratings(
	units: list[str],
	from_date: date,
	to_date: date,
	procedure_field: str | None,
	by: str = "administrative_unit",
) -> dict[str, tuple[float, int]]:
	"""{unit (or procedure field, `by`): (average rating, number of ratings)} given in the period."""
	rating = frappe.qb.DocType("Citizen Rating")
	dossier = frappe.qb.DocType("Dossier")
	key = rating.administrative_unit if by == "administrative_unit" else dossier.procedure_field
	query = (
		frappe.qb.from_(rating)
		.select(key.as_("key"), Avg(rating.rating).as_("average"), Count("*").as_("count"))
		.where(
			(rating.rated_at >= from_date)
			& (rating.rated_at < frappe.utils.add_days(to_date, 1))
			& rating.administrative_unit.isin(units)
		)
		.groupby(key)
	)
	if procedure_field or by == "procedure_field":
		query = query.join(dossier).on(dossier.name == rating.dossier)
	if procedure_field:
		query = query.where(dossier.procedure_field == procedure_field)
	return {row.key or "": (round(flt(row.average), 2), int(row.count)) for row in query.run(as_dict=True)}


def summary(units: list[str] | None, from_date, to_date) -> dict:
	"""The figures of a set of units taken together (all units when None): counts and rates, and
	the sync rate (`sync_dossiers`, `synced`, `sync_rate`; None while the sync is off)."""
	from_date, to_date = getdate(from_date), getdate(to_date)
	if units is not None and not units:
		return {**dict.fromkeys(COUNTS, 0), **dict.fromkeys(RATES), **dict.fromkeys(SYNC)}
	figures = _received_sum(units, from_date, to_date)
	for name, (numerator, denominator, _field) in RATES.items():
		figures[name] = rate(figures[numerator], figures[denominator])
	figures.update(dict.fromkeys(SYNC))
	start = sync.sync_start(from_date)
	if start is not None:
		expected = (
			0
			if start > to_date
			else (
				figures["received"]
				if start == from_date
				else _received_sum(units, start, to_date)["received"]
			)
		)
		behind = sum(sync.unsynced(units, start, to_date).values()) if expected else 0
		figures["sync_dossiers"], figures["synced"] = expected, max(expected - behind, 0)
		figures["sync_rate"] = rate(figures["synced"], expected)
	return figures


def _received_sum(units: list[str] | None, from_date: date, to_date: date) -> dict:
	rollup = frappe.qb.DocType(ROLLUP)
	query = (
		frappe.qb.from_(rollup)
		.select(*(Sum(rollup[name]).as_(name) for name in COUNTS))
		.where((rollup.day >= from_date) & (rollup.day <= to_date))
	)
	if units is not None:
		query = query.where(rollup.administrative_unit.isin(list(units)))
	row = query.run(as_dict=True)[0]
	return {name: int(row[name] or 0) for name in COUNTS}
