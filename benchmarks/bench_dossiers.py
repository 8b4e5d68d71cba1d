"""Benchmark: receiving a dossier against inserting a ToDo, and the overdue scan at province scale.

Run from the bench root with the bench's Python, against a benchmark site (never the test site):

	env/bin/python benchmarks/bench_dossiers.py --site bench.localhost

Targets (issue): receiving a dossier costs at most 3x inserting a plain ToDo (median of 1,000);
the overdue scan over 1,000,000 dossiers of which 100,000 are open takes under 5 seconds.

Data. Both parts run on the synthetic province of ``benchmarks/synthetic``. When the site
has none, or a smaller one than ``--dossiers``, the script generates it first (``--reset``: the
previous synthetic province is deleted; a few minutes for 1,000,000 dossiers) and says so.

(a) Receipt. The real path of a counter receipt: ``frappe.get_doc({...}).insert()`` of a Direct
dossier of procedure 1.004873 (3 working days, five documents, all ticked as received), by a
One-Stop Officer of the unit (so permissions and the User Permission on the unit are checked),
against ``frappe.get_doc({"doctype": "ToDo", "description": ...}).insert()`` by the same user
(allocated to that user: ToDo lets a user without a role above "All" create only their own).
``--n`` of each (default 1,000) after ``--warmup`` untimed ones, alternated (dossier first on
even rounds, ToDo first on odd ones); each insert, ``get_doc`` included, is timed with
``time.perf_counter``. When the ratio of medians exceeds the target (or with ``--profile``),
cProfile runs over ``--profile-n`` more receipts and prints the share of the receipt each part
takes (Workflow Action bookkeeping, ward_admin's validate, naming, link checks, row inserts) and
the top frames by cumulative time. ``--user Administrator`` measures without permission checks.

(b) Scan. ``ward_admin.one_stop.alerts.scan(now)`` in two situations, ``--repeat`` times each:
the next scheduled run, 15 minutes after the instant the generator observed the province at
(its ``as_of``: the scan flags are as a run at that instant left them, so only what crossed a
threshold in those 15 minutes is new), and a first run at ``as_of`` with every flag cleared
(every overdue and due-soon dossier is new: the worst case, e.g. after the scheduler was off).
``enqueue_create_notification`` hands the digests to ``frappe.enqueue`` straight away (not after
commit), so a rolled-back run would still queue them: during the runs the notification job runs
inline instead (``now=True``), its Notification Logs are inserted inside the timed transaction
and counted, and any other job is dropped and counted. The EXPLAIN of each statement the scan
sends to ``tabDossier`` is printed: they should range-scan the (status_code, due_at) index. Each run
is split into the queries on tabDossier, the recipients lookup (``leaders_by_unit``), building the
digests and the notification jobs; "scheduler job" is the run without the notification jobs,
which workers run in production.

Nothing is kept: every part runs in a transaction that is rolled back (``frappe.db.commit`` is
made to raise meanwhile), so the script can be rerun on the same data.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import re
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

RECEIPT_TARGET = 3.0  # receipt median / ToDo median
SCAN_TARGET_S = 5.0
PROCEDURE_CODE = "1.004873"
NOTIFY_JOB = "frappe.desk.doctype.notification_log.notification_log.make_notification_logs"

import frappe
from benchlib import connected, ms, percentile, rerun_command, rolled_back
from frappe.utils import get_datetime

from ward_admin.one_stop import alerts as dossier_alerts
from ward_admin.services.dossier_states import CLOCK_RUNNING

RUNNING_CODES = sorted(CLOCK_RUNNING)
import synthetic


@contextmanager
def jobs_inline():
	"""Run the notification job inline (inside the transaction), timed; drop and count other jobs."""
	real_enqueue = frappe.enqueue
	jobs = {"inline": 0, "inline_seconds": 0.0, "dropped": 0}

	def enqueue(method, *args, **kwargs):
		if method != NOTIFY_JOB:
			jobs["dropped"] += 1
			return None
		for key in ("now", "queue", "enqueue_after_commit", "job_id", "deduplicate"):
			kwargs.pop(key, None)
		t0 = time.perf_counter()
		try:
			return real_enqueue(method, *args, now=True, **kwargs)
		finally:
			jobs["inline"] += 1
			jobs["inline_seconds"] += time.perf_counter() - t0

	frappe.enqueue = enqueue
	try:
		yield jobs
	finally:
		frappe.enqueue = real_enqueue


@contextmanager
def scan_timers():
	"""Time the digest step (notify) and the recipients lookup (leaders_by_unit) inside a scan."""
	timers = {"notify": 0.0, "leaders_by_unit": 0.0}
	originals = {name: getattr(dossier_alerts, name) for name in timers}

	def timed(name):
		real = originals[name]

		def run(*args, **kwargs):
			t0 = time.perf_counter()
			try:
				return real(*args, **kwargs)
			finally:
				timers[name] += time.perf_counter() - t0

		return run

	for name in timers:
		setattr(dossier_alerts, name, timed(name))
	try:
		yield timers
	finally:
		for name, real in originals.items():
			setattr(dossier_alerts, name, real)


@contextmanager
def captured_dossier_queries():
	"""Record the statements sent to tabDossier, with their parameters (for EXPLAIN)."""
	real_sql = frappe.db.sql
	queries: list[tuple[str, object]] = []

	def sql(query, values=None, *args, **kwargs):
		text = str(query)
		if "`tabDossier`" in text and text.lstrip().lower().startswith(("select", "update")):
			queries.append((text, values))
		if values is None:
			return real_sql(query, *args, **kwargs)
		return real_sql(query, values, *args, **kwargs)

	frappe.db.sql = sql
	try:
		yield queries
	finally:
		del frappe.db.sql


# ---------------------------------------------------------------- data


def ensure_province(args) -> dict:
	meta = synthetic.get_meta()
	total = frappe.db.count("Dossier")
	open_now = frappe.db.count("Dossier", {"status_code": ("in", RUNNING_CODES)})
	if meta and meta["dossiers"] >= args.dossiers and open_now >= 0.09 * args.dossiers:
		return meta
	print(
		f"The site has {total:,} dossiers ({open_now:,} open) but no synthetic province of "
		f"{args.dossiers:,} dossiers: generating it now, as "
		f"`bench --site {args.site} generate-province --units {args.units} --dossiers {args.dossiers} --reset` would …",
		flush=True,
	)
	started = time.perf_counter()
	meta = synthetic.generate(units=args.units, dossiers=args.dossiers, reset=True)
	print(f"Generated in {time.perf_counter() - started:.1f} s\n", flush=True)
	return meta


def describe(meta: dict) -> None:
	dossier = frappe.qb.DocType("Dossier")
	total = frappe.db.count("Dossier")
	rows = (
		frappe.qb.from_(dossier)
		.select(dossier.status_code, frappe.query_builder.functions.Count("*"))
		.groupby(dossier.status_code)
	).run()
	by_status = dict(rows)
	running = sum(by_status.get(code, 0) for code in RUNNING_CODES)
	print(
		f"Site data: {total:,} dossiers; clock running (Received/Processing): {running:,}; "
		f"synthetic province of {meta['units']} units observed at {meta['as_of']} (seed {meta['seed']})"
	)
	print("  by status code: " + ", ".join(f"{k} {v:,}" for k, v in sorted(by_status.items())))


# ---------------------------------------------------------------- (a) receipt


def receipt_payloads(n: int):
	procedure = frappe.get_all(
		"Administrative Procedure",
		filters={"procedure_code": PROCEDURE_CODE, "enabled": 1},
		order_by="version desc",
		pluck="name",
		limit=1,
	)
	if not procedure:
		sys.exit(f"Procedure {PROCEDURE_CODE} of the shipped catalogue is missing on this site")
	documents = frappe.get_all(
		"Procedure Document",
		filters={"parent": procedure[0], "parenttype": "Administrative Procedure"},
		fields=["document_name", "mandatory"],
		order_by="idx",
	)
	unit = synthetic.units.unit_code(1)
	procedure_field = frappe.db.get_value("Administrative Procedure", procedure[0], "procedure_field")

	def dossier(i: int) -> dict:
		return {
			"doctype": "Dossier",
			"administrative_unit": unit,
			"procedure": procedure[0],
			# the desk form has fetched it when the officer picked the procedure
			"procedure_field": procedure_field,
			"channel": "Direct",
			"applicant_name": "Nguyễn Văn An",
			"applicant_id_number": "001090012345",
			"applicant_phone": "0912345678",
			"applicant_address": f"Tổ {i % 40 + 1}, Phường Tổng hợp 001",
			"documents": [
				{"document_name": d.document_name, "mandatory": d.mandatory, "received": 1} for d in documents
			],
		}

	def todo(i: int) -> dict:
		# allocated to the user who writes it: without a role above "All", ToDo's has_permission
		# lets a user create only a ToDo allocated to or assigned by them (Administrator skips that)
		return {
			"doctype": "ToDo",
			"description": f"Gọi lại cho công dân về hồ sơ số {i}",
			"allocated_to": frappe.session.user,
		}

	return unit, procedure[0], len(documents), dossier, todo


def timed_insert(payload: dict) -> float:
	t0 = time.perf_counter()
	frappe.get_doc(payload).insert()
	return time.perf_counter() - t0


def bench_receipt(args) -> float:
	unit, procedure, document_count, dossier, todo = receipt_payloads(args.n)
	officer = args.user or f"motcua1.s001@{synthetic.people.STAFF_DOMAIN}"
	if not frappe.db.exists("User", officer):
		sys.exit(f"User {officer} is missing: regenerate the synthetic province")
	print(
		f"\n(a) Receipt: a counter dossier (Direct, {procedure}, {document_count} documents ticked) in "
		f"unit {unit} vs a plain ToDo, by {officer}; {args.n:,} of each after {args.warmup} warm-up, alternated"
	)
	frappe.set_user(officer)
	dossier_times, todo_times = [], []
	try:
		with rolled_back():
			for i in range(args.warmup):
				timed_insert(dossier(i))
				timed_insert(todo(i))
			for i in range(args.n):
				if i % 2 == 0:
					dossier_times.append(timed_insert(dossier(i)))
					todo_times.append(timed_insert(todo(i)))
				else:
					todo_times.append(timed_insert(todo(i)))
					dossier_times.append(timed_insert(dossier(i)))
	finally:
		frappe.set_user("Administrator")
	print(f"  {'':18}{'median':>11}{'p90':>11}{'mean':>11}{'min':>11}")
	for label, values in (("Dossier.insert()", dossier_times), ("ToDo.insert()", todo_times)):
		print(
			f"  {label:18}{ms(statistics.median(values))}{ms(percentile(values, 0.9))}"
			f"{ms(statistics.fmean(values))}{ms(min(values))}"
		)
	ratio = statistics.median(dossier_times) / statistics.median(todo_times)
	verdict = "PASS" if ratio <= RECEIPT_TARGET else "FAIL"
	print(f"  ratio of medians: {ratio:.2f}x (target <= {RECEIPT_TARGET:g}x): {verdict}")
	if ratio > RECEIPT_TARGET or args.profile:
		profile_receipt(args, officer, dossier)
	return ratio


# (label, file name ending, function name): the parts of a receipt worth knowing the cost of;
# cumulative times, so a part may contain another (row inserts include the Workflow Action's)
RECEIPT_PARTS = (
	("Frappe Workflow Action bookkeeping (on_update hook)", "workflow_action.py", "process_workflow_actions"),
	("  of which: next transitions lookup", "workflow_action.py", "get_next_possible_transitions"),
	("  of which: Workflow Action insert", "workflow_action.py", "create_workflow_actions_for_roles"),
	("  of which: completing older actions", "workflow_action.py", "update_completed_workflow_actions"),
	("ward_admin's check that it has nothing to do (skips it)", "workflow_actions.py", "asks_nobody"),
	("Dossier.validate (ward_admin.one_stop.doctype.dossier.lifecycle)", "dossier.py", "validate"),
	("  of which: receive()", "dossiers.py", "receive"),
	("  of which: set_fee()", "dossiers.py", "set_fee"),
	("Dossier.autoname (dossier code, tabSeries)", "dossier.py", "autoname"),
	("Link validation", "document.py", "_validate_links"),
	("Row INSERTs (db_insert)", "base_document.py", "db_insert"),
	("Permission check", "document.py", "check_permission"),
	("database round trips (Database.sql)", "database.py", "sql"),
)


def profile_receipt(args, officer: str, dossier) -> None:
	print(f"\n  cProfile of {args.profile_n} receipts:")
	frappe.set_user(officer)
	profiler = cProfile.Profile()
	try:
		with rolled_back():
			for i in range(5):
				frappe.get_doc(dossier(i)).insert()
			profiler.enable()
			for i in range(args.profile_n):
				frappe.get_doc(dossier(i)).insert()
			profiler.disable()
	finally:
		frappe.set_user("Administrator")
	stats = pstats.Stats(profiler)
	cumulative = {}
	for (filename, _line, function), (_cc, calls, _tt, ct, _callers) in stats.stats.items():
		key = (Path(filename).name, function)
		total_calls, total_ct = cumulative.get(key, (0, 0.0))
		cumulative[key] = (total_calls + calls, total_ct + ct)
	whole = cumulative.get(("document.py", "insert"), (0, 0.0))[1] or 1.0
	print(f"    {'part (cumulative time, share of the receipt)':58}{'calls/receipt':>14}{'share':>8}")
	for label, filename, function in RECEIPT_PARTS:
		calls, ct = cumulative.get((filename, function), (0, 0.0))
		print(f"    {label:58}{calls / args.profile_n:14.1f}{ct / whole:8.0%}")
	out = io.StringIO()
	stats.stream = out
	stats.strip_dirs().sort_stats("cumulative").print_stats(
		r"ward_admin|workflow|document\.py|naming\.py|permissions\.py|database\.py", args.profile_top
	)
	lines = [line for line in out.getvalue().splitlines() if line.strip()][3:]
	print(f"\n    top {args.profile_top} frames of Frappe and ward_admin by cumulative time:")
	print("    " + "\n    ".join(lines))


# ---------------------------------------------------------------- (b) scan


def count_open(now, horizon) -> dict:
	dossier = frappe.qb.DocType("Dossier")
	running = dossier.status_code.isin(RUNNING_CODES)

	def count(condition) -> int:
		return (
			frappe.qb.from_(dossier)
			.select(frappe.query_builder.functions.Count("*"))
			.where(running & condition)
		).run()[0][0]

	return {
		"past due": count(dossier.due_at < now),
		"past due, not yet flagged": count((dossier.due_at < now) & (dossier.is_overdue == 0)),
		"due within the warning margin": count((dossier.due_at >= now) & (dossier.due_at <= horizon)),
		"due later": count(dossier.due_at > horizon),
	}


def bench_scan(args, meta: dict) -> tuple[float, float]:
	from ward_admin.ward_setup.doctype.working_calendar import deadlines

	as_of = get_datetime(meta["as_of"])
	engine = deadlines.get_engine_calendar(meta["calendar"])
	margin = frappe.db.get_single_value("One-Stop Settings", "warning_margin_hours")
	margin = 4.0 if margin is None else float(margin)
	scenarios = [
		(
			"next scheduled run, 15 min after the last (flags as that run left them)",
			as_of + timedelta(minutes=15),
			False,
		),
		("first run, every scan flag cleared (worst case)", as_of, True),
	]
	print(f"\n(b) Overdue scan: ward_admin.one_stop.alerts.scan(now), {args.repeat} runs per case")
	print(
		"    total = the scan with its notification jobs run inline; of which: queries = the SELECTs and\n"
		"    UPDATEs on tabDossier, recipients = leaders_by_unit(), notification jobs = Notification Log\n"
		"    inserts (a worker's work in production); scheduler job = total - notification jobs"
	)
	dossier = frappe.qb.DocType("Dossier")
	worst_total, worst_job = 0.0, 0.0
	queries: list = []
	for label, now, clear in scenarios:
		horizon = engine.add_working_seconds(now, margin * 3600)
		print(f"  {label}: now = {now}, warning horizon = {horizon} ({margin:g} working hours)")
		totals, job_times = [], []
		for run in range(args.repeat):
			with rolled_back(), jobs_inline() as jobs, scan_timers() as timers:
				if clear:
					(
						frappe.qb.update(dossier)
						.set(dossier.is_overdue, 0)
						.set(dossier.overdue_warned_at, None)
						.where(dossier.status_code.isin(RUNNING_CODES))
					).run()
				if run == 0:
					counts = count_open(now, horizon)
					print("    before the run: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
				logs_before = frappe.db.count("Notification Log")
				with captured_dossier_queries() as captured:
					t0 = time.perf_counter()
					result = dossier_alerts.scan(now)
					elapsed = time.perf_counter() - t0
				queries = queries or captured
				logs = frappe.db.count("Notification Log") - logs_before
			job = elapsed - jobs["inline_seconds"]
			totals.append(elapsed)
			job_times.append(job)
			print(
				f"    run {run + 1}: total {elapsed:5.2f} s = queries {elapsed - timers['notify']:5.2f} s"
				f" + recipients {timers['leaders_by_unit']:5.2f} s"
				f" + digests {timers['notify'] - timers['leaders_by_unit'] - jobs['inline_seconds']:5.2f} s"
				f" + notification jobs {jobs['inline_seconds']:5.2f} s; scheduler job {job:5.2f} s"
			)
			print(
				f"           {result['overdue']:,} became overdue, {result['warned']:,} warned; "
				f"{jobs['inline']:,} notification jobs inserted {logs:,} Notification Logs; "
				f"{jobs['dropped']} other jobs dropped"
			)
		total, job = statistics.median(totals), statistics.median(job_times)
		worst_total, worst_job = max(worst_total, total), max(worst_job, job)
		print(
			f"    median: scheduler job {job:.2f} s (target < {SCAN_TARGET_S:g} s): "
			f"{'PASS' if job < SCAN_TARGET_S else 'FAIL'}; with its notification jobs run inline "
			f"{total:.2f} s (workers do that part in production)"
		)
	explain(queries)
	return worst_total, worst_job


def explain(queries: list[tuple[str, object]]) -> None:
	print("\n  EXPLAIN of the statements the scan sent to tabDossier:")
	seen = set()
	columns = ("id", "select_type", "table", "type", "key", "key_len", "rows", "Extra")
	for query, values in queries:
		shown = frappe.db.mogrify(query, values) if values else query
		# the UPDATEs name up to a thousand dossiers: one plan per statement shape is enough
		shape = re.sub(r"IN \([^)]*\)", "IN (…)", str(shown))
		if shape in seen:
			continue
		seen.add(shape)
		print(f"\n    {shape if len(shape) < 400 else shape[:400] + ' …'}")
		rows = frappe.db.sql(f"explain {query}", values, as_dict=True)
		widths = {c: max(len(c), *(len(str(r.get(c))) for r in rows)) for c in columns}
		print("    " + "  ".join(c.ljust(widths[c]) for c in columns))
		for row in rows:
			print("    " + "  ".join(str(row.get(c)).ljust(widths[c]) for c in columns))


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="bench.localhost", help="site to run on (default bench.localhost)")
	parser.add_argument("--n", type=int, default=1000, help="timed receipts and ToDos each (default 1000)")
	parser.add_argument("--warmup", type=int, default=20, help="untimed inserts of each first (default 20)")
	parser.add_argument("--repeat", type=int, default=3, help="scan runs per case (default 3)")
	parser.add_argument("--dossiers", type=int, default=1_000_000, help="dossiers the province needs")
	parser.add_argument("--units", type=int, default=100, help="units, if the province must be generated")
	parser.add_argument("--profile", action="store_true", help="profile receipts even if within target")
	parser.add_argument("--profile-n", type=int, default=200, help="receipts profiled (default 200)")
	parser.add_argument("--profile-top", type=int, default=25, help="profile lines shown (default 25)")
	parser.add_argument(
		"--user",
		help="who receives (default the unit's first One-Stop Officer; Administrator skips permissions)",
	)
	parser.add_argument("--skip-receipt", action="store_true", help="only the scan")
	parser.add_argument("--skip-scan", action="store_true", help="only the receipt")
	args = parser.parse_args(argv)
	rerun = rerun_command("bench_dossiers.py", argv)
	with connected(args.site):
		print(
			f"bench_dossiers on {args.site}: Frappe {frappe.__version__}, "
			f"MariaDB {frappe.db.sql('select version()')[0][0]}, Python {platform.python_version()}, "
			f"{os.cpu_count()} CPUs"
		)
		meta = ensure_province(args)
		describe(meta)
		ratio = None if args.skip_receipt else bench_receipt(args)
		scan = None if args.skip_scan else bench_scan(args, meta)
		print("\nSummary:")
		if ratio is not None:
			print(f"  receipt / ToDo, ratio of medians: {ratio:.2f}x (target <= {RECEIPT_TARGET:g}x)")
		if scan is not None:
			print(
				f"  overdue scan, slower case, median: {scan[1]:.2f} s as the scheduler job "
				f"(target < {SCAN_TARGET_S:g} s), {scan[0]:.2f} s with its notification jobs run inline"
			)
		print(f"Rerun (from the bench root): {rerun}")


if __name__ == "__main__":
	main()
