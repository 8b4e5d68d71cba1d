"""The Service Index at province scale (issue "Leaders' reports").

On the synthetic province (100 units, 1,000,000 dossiers of one year), the script counts the
Service Index rollup of the year once (as patch v0_4 does on a site that already has dossiers),
checks it against the dossiers, then measures in the same run, each the median of 5 warm runs:

1. the Service Index of the province for the whole year (`indicators.service_index.compute`:
   every rate with its numerator and denominator, ratings, score and rank of every unit):
   target under 1 s and within 1.5x of
2. the narrowest possible aggregate of the same figures straight from the dossiers: one full-scan
   GROUP BY unit of the same columns (no join, no rates, no ranks);
3. for reference, the same aggregate as one plain statement restricted to the year, as a report
   without a rollup would write it (MariaDB's choice of plan);
4. the leader's workspace (Service Indicators): its four ratio cards with the rank in the
   province and its monthly chart, as a ward's leader and as the province: target under 1.5 s;
5. the drill-down's ward level: the report for the busiest ward grouped by procedure field,
   with the ward's rank in the province.

Run: ./ward site bench.localhost && env/bin/python benchmarks/bench_service_index.py --site bench.localhost
"""

from __future__ import annotations

import argparse
import statistics
import time

import frappe
from benchlib import connected, ms, rerun_command

RUNS = 5

NARROW = """select administrative_unit, count(received_at), sum(channel = 'Online'),
	sum(fee_amount > 0 and fee_exempt = 0), count(resolved_at), sum(result_digitized),
	sum(timeliness in ('Early', 'On Time')), sum(processing_days)
from `tabDossier`
group by administrative_unit"""

PLAIN = """select administrative_unit,
	sum(received_at >= %(low)s and received_at < %(high)s),
	sum(received_at >= %(low)s and received_at < %(high)s and channel = 'Online'),
	sum(received_at >= %(low)s and received_at < %(high)s and fee_amount > 0 and fee_exempt = 0),
	sum(resolved_at >= %(low)s and resolved_at < %(high)s),
	sum(resolved_at >= %(low)s and resolved_at < %(high)s and result_digitized = 1),
	sum(resolved_at >= %(low)s and resolved_at < %(high)s and timeliness in ('Early', 'On Time'))
from `tabDossier`
where received_at >= %(low)s and received_at < %(high)s
	or resolved_at >= %(low)s and resolved_at < %(high)s
group by administrative_unit"""


def ensure_province(dossiers: int, units: int) -> dict:
	import synthetic

	meta = synthetic.get_meta() or {}
	if meta.get("dossiers", 0) >= dossiers:
		return meta
	print(f"Generating the province: {units} units, {dossiers:,} dossiers (a few minutes) …")
	return synthetic.generate(units=units, dossiers=dossiers, reset=True)


def ensure_rollup(year: int) -> tuple[float | None, int]:
	from ward_admin.indicators import rollup

	received = frappe.db.sql(
		"select count(*) from `tabDossier` where received_at >= %s and received_at < %s",
		(f"{year}-01-01", f"{year + 1}-01-01"),
	)[0][0]
	counted = frappe.db.sql(
		"select ifnull(sum(received), 0) from `tabService Index Daily` where day between %s and %s",
		(f"{year}-01-01", f"{year}-12-31"),
	)[0][0]
	if int(counted) == received:
		return None, frappe.db.count("Service Index Daily")
	started = time.perf_counter()
	rows = rollup.rebuild(f"{year}-01-01", f"{year}-12-31")
	frappe.db.commit()
	return time.perf_counter() - started, rows


def timed(run) -> tuple[float, object]:
	times, result = [], None
	run()  # warm: the buffer pool holds what the query reads
	for _ in range(RUNS):
		started = time.perf_counter()
		result = run()
		times.append(time.perf_counter() - started)
	return statistics.median(times), result


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="bench.localhost")
	parser.add_argument("--dossiers", type=int, default=1_000_000)
	parser.add_argument("--units", type=int, default=100)
	args = parser.parse_args(argv)
	with connected(args.site):
		from ward_admin.indicators import service_index

		meta = ensure_province(args.dossiers, args.units)
		province, year = meta["province"], int(meta["year"])
		seconds, rows = ensure_rollup(year)
		dossiers = frappe.db.count("Dossier")
		pool = frappe.db.sql("select @@innodb_buffer_pool_size")[0][0] / 2**20
		print(
			f"Province {province}: {dossiers:,} dossiers, {len(service_index.ranked_units(province))} ranked units, "
			f"{rows:,} rollup rows"
			+ (f" (counted in {seconds:.1f} s)" if seconds is not None else "")
			+ f"; InnoDB buffer pool {pool:,.0f} MB"
		)

		index_time, index_rows = timed(
			lambda: service_index.compute(province, f"{year}-01-01", f"{year}-12-31")
		)
		narrow_time, narrow_rows = timed(lambda: frappe.db.sql(NARROW))
		plain_time, _plain = timed(
			lambda: frappe.db.sql(PLAIN, {"low": f"{year}-01-01", "high": f"{year + 1}-01-01"})
		)

		# the rollup adds up to what the dossiers say
		received = {row[0]: int(row[1]) for row in narrow_rows}
		resolved = {row[0]: int(row[4]) for row in narrow_rows}
		mismatched = [
			row["administrative_unit"]
			for row in index_rows
			if row["received"] != received.get(row["administrative_unit"], 0)
			or row["resolved"] != resolved.get(row["administrative_unit"], 0)
		]
		best = index_rows[0]
		print(
			f"Service Index, {year}, {len(index_rows)} units (rates, ratings, scores, ranks): {ms(index_time)} median of {RUNS}  target < 1 s\n"
			f"Narrowest aggregate, full-scan GROUP BY of the same columns:       {ms(narrow_time)} median of {RUNS}\n"
			f"Ratio: {index_time / narrow_time:.2f}x  target <= 1.5x\n"
			f"For reference, the same figures as one plain statement on the dossiers: {ms(plain_time)}\n"
			f"Rank 1: {best['administrative_unit']} score {best['score']} "
			f"(on time {best['on_time_rate']}%, online {best['online_receipt_rate']}%); "
			f"rollup against dossiers: {'exact' if not mismatched else f'{len(mismatched)} units differ'}"
		)
		workspace(province, year)
		drill_down(year)
	print(f"Rerun: {rerun_command('bench_service_index.py', argv)}")


def workspace(province: str, year: int) -> None:
	"""The leader's workspace, server side: the cards' method and the chart's source, on the last
	day of the year, as a ward leader of the busiest ward and as the province (Administrator)."""
	from frappe.utils import getdate

	from ward_admin.indicators import dashboard

	busiest = frappe.db.sql(
		"select administrative_unit from `tabDossier` group by administrative_unit order by count(*) desc limit 1"
	)[0][0]
	leader = frappe.db.get_value(
		"User Permission",
		{"allow": "Administrative Unit", "for_value": busiest, "user": ("like", "%lanhdao%")},
		"user",
	)
	today = f"{year}-12-31"
	for label, user in ((f"ward leader of {busiest}", leader), ("the province", "Administrator")):
		if not user:
			continue
		frappe.set_user(user)
		try:
			seconds, cards = timed(
				lambda: (
					dashboard.rate_cards(today=today),
					dashboard.monthly(dashboard.reader_units(), 12, getdate(today)),
				)
			)
		finally:
			frappe.set_user("Administrator")
		rank = cards[0]["rank"]
		print(
			f"Leader's workspace as {label} (4 ratio cards{', rank' if rank else ''}, 12-month chart): "
			f"{ms(seconds)} median of {RUNS}  target < 1.5 s"
		)


def drill_down(year: int) -> None:
	"""The Service Index report (as the desk runs it) for the busiest ward, by procedure field."""
	from ward_admin.indicators.report.service_index import service_index as report

	busiest = frappe.db.sql(
		"select administrative_unit from `tabDossier` group by administrative_unit order by count(*) desc limit 1"
	)[0][0]
	filters = {
		"administrative_unit": busiest,
		"from_date": f"{year}-01-01",
		"to_date": f"{year}-12-31",
		"group_by": "Procedure Field",
	}
	seconds, result = timed(lambda: report.execute(filters))
	print(
		f"Drill-down to {busiest} by procedure field ({len(result[1])} fields, its rank in the province): "
		f"{ms(seconds)} median of {RUNS}"
	)


if __name__ == "__main__":
	main()
