"""What the dossier producer follows: the units' shares of the dossiers, the procedures, the
shares of channels and states, the Dossier workflow's states and the columns of the tables."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime

import frappe
from frappe import _

from ward_admin.one_stop.doctype.dossier import states
from ward_admin.services import dossier_states as codes
from ward_admin.services import working_time


class SyntheticProvinceError(frappe.ValidationError):
	"""Arguments the generator cannot follow, or a province already generated."""


DEFAULT_CHANNELS = {"Online": 0.97, "Direct": 0.02, "Postal": 0.01}
# shares of all dossiers besides the open backlog (codes 2 and 4) and the returned rest, by the
# national status code of their state (the workflow's first state with that code)
OTHER_CODES = {
	codes.SUBMITTED_ONLINE: 0.002,
	codes.AWAITING_SUPPLEMENT: 0.003,
	codes.AWAITING_PAYMENT: 0.001,
	codes.REFUSED: 0.005,
	codes.WITHDRAWN: 0.004,
	codes.STOPPED: 0.002,
}
RECEIVED_SHARE = 0.25  # of the backlog, not yet assigned; the rest is being processed
# of the backlog being processed, the share in the workflow's later states of code 4 (a draft
# awaiting the leader's signature, a legal review an admin added …)
LATER_PROCESSING_SHARE = 0.2
OVERDUE_SHARE = 0.04  # of the backlog
EARLY_SHARE, LATE_SHARE = 0.60, 0.025  # of resolved dossiers; the rest On Time
DIGITIZED_SHARE = 0.997
FIELD_WEIGHTS = {"Chứng thực": 3.0}  # certified copies are the busiest counter; others 1.0

US = 1_000_000
HOUR_US = 3600 * US

# the tables the generator fills; their columns are read from the doctypes' own meta, so a field
# added to a Dossier doctype is written too (with its default) without touching this module
TABLES = ("Dossier", "Dossier Document", "Dossier Step", "Dossier Pause", "ToDo")
NUMERIC_TYPES = frozenset(("Int", "Check", "Float", "Currency", "Percent", "Rating", "Duration"))
DYNAMIC_DEFAULTS = frozenset(("Today", "Now", "now", "__user"))


def table_columns(doctype: str) -> tuple[tuple[str, ...], tuple]:
	"""The database columns of a doctype and the value each gets when a row does not give it:
	the field's constant default, else 0 for numbers and NULL for the rest (as Frappe would)."""
	meta = frappe.get_meta(doctype)
	columns = tuple(meta.get_valid_columns())
	defaults = []
	for column in columns:
		df = meta.get_field(column)
		default = df.default if df and df.default not in DYNAMIC_DEFAULTS else None
		if default and str(default).startswith((":", "eval:")):
			default = None
		if df and df.fieldtype in NUMERIC_TYPES:
			default = (
				float(default or 0) if df.fieldtype in ("Float", "Currency", "Percent") else int(default or 0)
			)
		elif column in ("docstatus", "idx"):
			default = 0
		defaults.append(default)
	return columns, tuple(defaults)


@dataclass
class Procedure:
	name: str
	title: str
	field: str
	processing_time: float
	time_unit: str
	policy: str
	documents: list[tuple[str, int]]
	fee_rules: list[dict]
	page_fee: bool
	# the internal process: (step name, workflow state, role, allotment, allotment unit)
	process: list[tuple[str, str, str, float, str]] = field(default_factory=list)
	limit_us: int = 0


@dataclass
class Unit:
	code: str
	name: str
	count: int
	staff: dict[str, list[str]]


@dataclass
class Plan:
	engine: working_time.WorkingCalendar
	units: list[Unit]
	procedures: list[Procedure]
	procedure_weights: list[float]
	channels: dict[str, float]
	seed: int
	as_of: datetime
	year_start: datetime
	open_share: float
	detail_share: float
	warning_margin_us: int
	chunk_size: int
	fee_reason: str
	token: str
	# the Dossier workflow: each state's national code and position; the first state of each code
	state_codes: dict[str, int]
	state_of: dict[int, str]
	columns: dict[str, tuple[tuple[str, ...], tuple]]
	total: int = 0
	extra: dict = field(default_factory=dict)


def make_plan(
	engine, unit_codes, staff, dossiers, seed, year, as_of, channels, open_share, detail_share, chunk_size
) -> Plan:
	rng = random.Random(f"units-{seed}")
	weights = [rng.lognormvariate(0, 0.45) for _ in unit_codes]
	counts = _apportion(dossiers, weights)
	units = [
		Unit(code, name, count, staff[code]) for (code, name), count in zip(unit_codes, counts, strict=True)
	]
	procedures = load_procedures()
	margin = frappe.db.get_single_value("One-Stop Settings", "warning_margin_hours")
	state_codes = states.state_codes()
	state_of = {}
	for state, code in state_codes.items():
		state_of.setdefault(code, state)
	missing = [
		code
		for code in (*OTHER_CODES, codes.RECEIVED, codes.PROCESSING, codes.RESOLVED, codes.RETURNED)
		if code not in state_of
	]
	if missing:
		frappe.throw(
			_("The Dossier workflow has no state with status code {0}: the generator needs one").format(
				missing[0]
			),
			exc=SyntheticProvinceError,
		)
	return Plan(
		engine=engine,
		units=units,
		procedures=procedures,
		procedure_weights=[FIELD_WEIGHTS.get(p.field, 1.0) for p in procedures],
		channels=channels,
		seed=seed,
		as_of=as_of,
		year_start=datetime(year, 1, 1),
		open_share=open_share,
		detail_share=detail_share,
		warning_margin_us=round((4.0 if margin is None else float(margin)) * HOUR_US),
		chunk_size=chunk_size,
		fee_reason=_("Fees due"),
		token=frappe.generate_hash(length=6),
		state_codes=state_codes,
		state_of=state_of,
		columns={table: table_columns(table) for table in TABLES},
		total=dossiers,
	)


def _apportion(total: int, weights: list[float]) -> list[int]:
	"""`total` split in proportion to `weights`, largest remainders first; sums to `total`."""
	scale = total / sum(weights)
	exact = [w * scale for w in weights]
	counts = [int(x) for x in exact]
	by_remainder = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
	for i in by_remainder[: total - sum(counts)]:
		counts[i] += 1
	return counts


def load_procedures() -> list[Procedure]:
	"""The enabled procedures, the latest version of each code, with documents and fee rules."""
	rows = frappe.get_all(
		"Administrative Procedure",
		filters={"enabled": 1},
		fields=[
			"name",
			"procedure_code",
			"procedure_name",
			"procedure_field",
			"processing_time",
			"time_unit",
			"supplement_policy",
			"version",
		],
		order_by="procedure_code, version desc",
	)
	latest = {}
	for row in rows:
		latest.setdefault(row.procedure_code, row)
	if not latest:
		frappe.throw(
			_("There is no enabled Administrative Procedure to file dossiers under"),
			exc=SyntheticProvinceError,
		)
	names = [row.name for row in latest.values()]
	documents, rules = {}, {}
	for row in frappe.get_all(
		"Procedure Document",
		filters={"parent": ("in", names), "parenttype": "Administrative Procedure"},
		fields=["parent", "document_name", "mandatory"],
		order_by="parent, idx",
	):
		documents.setdefault(row.parent, []).append((row.document_name, row.mandatory))
	for row in frappe.get_all(
		"Procedure Fee Rule",
		filters={"parent": ("in", names), "parenttype": "Administrative Procedure"},
		fields=["parent", "rule_type", "amount", "first_units", "cap"],
		order_by="parent, idx",
	):
		rules.setdefault(row.parent, []).append(
			{k: row[k] for k in ("rule_type", "amount", "first_units", "cap")}
		)
	process = {}
	for row in frappe.get_all(
		"Procedure Step",
		filters={"parent": ("in", names), "parenttype": "Administrative Procedure"},
		fields=["parent", "step_name", "workflow_state", "role", "allotment", "allotment_unit"],
		order_by="parent, idx",
	):
		process.setdefault(row.parent, []).append(
			(row.step_name, row.workflow_state, row.role, float(row.allotment or 0), row.allotment_unit)
		)
	procedures = []
	for row in latest.values():
		fee_rules = rules.get(row.name, [])
		procedures.append(
			Procedure(
				name=row.name,
				title=row.procedure_name,
				field=row.procedure_field,
				processing_time=float(row.processing_time or 0),
				time_unit=row.time_unit or working_time.WORKING_DAYS,
				policy=row.supplement_policy or working_time.POLICY_RESTART,
				documents=documents.get(row.name, []),
				fee_rules=fee_rules,
				page_fee=any(r["rule_type"] in ("Per Page", "Per Copy") for r in fee_rules),
				process=process.get(row.name, []),
			)
		)
	return procedures
