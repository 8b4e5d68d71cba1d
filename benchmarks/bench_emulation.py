"""Emulation at province scale: closing a year, the Staff KPI report, and what crediting points
adds to a Resolve transition (issue "Staff KPIs and emulation").

On the synthetic province (100 units, 1,000,000 dossiers of one year, every closed dossier with
its control sheet — `detail_share` 1), the script gives 300 staff users an ERPNext Employee
(three per unit: an officer, a specialist, a leader) and fills the ledger with one point entry per
resolved dossier for each of two rules (over 2,000,000 entries), once; then it measures, each
part in a transaction that is rolled back:

1. closing the province's year (`Emulation Period.close_period`: every component of every staff
   member from the dossiers, steps, pauses, ratings and the ledger, scores, ratings, quota,
   Staff Period Score rows and proposals): target under 60 s;
2. the Staff KPI report for one ward and one month (median of 5): target under 1 s;
3. a Resolve transition with the emulation rules credited vs the same transition with crediting
   switched off, alternated on distinct dossiers in the same run: target at most 20% more.

Run: ./ward site bench.localhost && env/bin/python benchmarks/bench_emulation.py --site bench.localhost
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date

import frappe
from benchlib import connected, ms, percentile, rerun_command, rolled_back

PAIRS_DEFAULT = 150
RULE_EARLY, RULE_RATING, RULE_STEP = "_Bench trước hạn", "_Bench đánh giá", "_Bench bước"
# (rule, event, which dossiers: one entry each)
LEDGER = (
	(RULE_EARLY, "Dossier Resolved Early", "d.resolved_at is not null"),
	(RULE_RATING, "Citizen Rating", "d.resolved_at is not null"),
	(RULE_STEP, "Step Late", "d.received_at is not null"),
)


def ensure_province(dossiers: int, units: int) -> dict:
	import synthetic

	meta = synthetic.get_meta() or {}
	if meta.get("dossiers", 0) >= dossiers and meta.get("detail_share", 0) >= 1:
		return meta
	print(
		f"Generating the province: {units} units, {dossiers:,} dossiers, every control sheet (a few minutes) …"
	)
	return synthetic.generate(units=units, dossiers=dossiers, reset=True, detail_share=1.0)


def ensure_employees(province: str) -> list[str]:
	"""300 Employees: the first officer, specialist and leader of each unit (once)."""
	import synthetic

	company = frappe.get_all("Company", pluck="name", limit=1)[0]
	wanted = []
	for number in range(1, 101):
		for prefix in ("motcua", "chuyenmon", "lanhdao"):
			wanted.append(f"{prefix}1.s{number:03d}@{synthetic.people.STAFF_DOMAIN}")
	have = set(frappe.get_all("Employee", filters={"user_id": ("in", wanted)}, pluck="user_id"))
	missing = [user for user in wanted if user not in have and frappe.db.exists("User", user)]
	if missing:
		print(f"Employees for {len(missing)} staff users …")
		for user in missing:
			frappe.get_doc(
				{
					"doctype": "Employee",
					"first_name": frappe.db.get_value("User", user, "full_name") or user,
					"gender": "Female",
					"date_of_birth": "1990-01-01",
					"date_of_joining": "2020-01-01",
					"company": company,
					"user_id": user,
					"status": "Active",
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()
	return wanted


def ensure_ledger(employees: list[str]) -> int:
	"""A point entry per resolved dossier for each of two rules and one per received dossier for a
	third, credited to one of its unit's three Employees, each rule by one INSERT … SELECT (once)."""
	for name, event, _where in LEDGER:
		if not frappe.db.exists("Emulation Rule", name):
			frappe.get_doc(
				{
					"doctype": "Emulation Rule",
					"rule_name": name,
					"event": event,
					"credit_to": "Step Holder",
					"points": 1,
					"enabled": 0,
				}
			).insert(ignore_permissions=True)
	missing = [row for row in LEDGER if not frappe.db.exists("Emulation Point Entry", {"rule": row[0]})]
	if not missing:
		return frappe.db.count("Emulation Point Entry", {"rule": ("in", [row[0] for row in LEDGER])})
	print(f"Filling the ledger with point entries of {len(missing)} rules (a minute or two each) …")
	frappe.db.commit()
	frappe.db.sql_ddl("drop temporary table if exists bench_staff")
	frappe.db.sql_ddl(
		"""create temporary table bench_staff (unit varchar(140), k int, employee varchar(140),
		employee_name varchar(140), user varchar(140), primary key (unit, k))"""
	)
	frappe.db.sql(
		"""insert into bench_staff
		select p.for_value, row_number() over (partition by p.for_value order by e.user_id) - 1,
			e.name, e.employee_name, e.user_id
		from `tabEmployee` e join `tabUser Permission` p
			on p.user = e.user_id and p.allow = 'Administrative Unit'
		where e.user_id in %(users)s""",
		{"users": employees},
	)
	for offset, (rule, event, where) in enumerate(missing):
		frappe.db.sql(
			f"""insert ignore into `tabEmulation Point Entry` (name, creation, modified, owner, modified_by,
				docstatus, employee, employee_name, user, administrative_unit, posting_date, points, rule,
				event, reference_doctype, reference_name, dossier, entry_key)
			select nextval(`emulation_point_entry_id_seq`), coalesce(d.resolved_at, d.received_at),
				coalesce(d.resolved_at, d.received_at), 'Administrator', 'Administrator', 0, s.employee,
				s.employee_name, s.user, d.administrative_unit, date(coalesce(d.resolved_at, d.received_at)), if(d.timeliness = 'Late', -1, 1), %(rule)s, %(event)s, 'Dossier', d.name,
				d.name, sha1(concat(%(rule)s, d.name))
			from `tabDossier` d join bench_staff s
				on s.unit = d.administrative_unit and s.k = mod(crc32(d.name) + {offset}, 3)
			where {where}""",
			{"rule": rule, "event": event},
		)
		frappe.db.commit()
	return frappe.db.count("Emulation Point Entry", {"rule": ("in", [row[0] for row in LEDGER])})


def close_year(province: str, year: int) -> tuple[float, int, int]:
	with rolled_back():
		period = frappe.get_doc(
			{
				"doctype": "Emulation Period",
				"administrative_unit": province,
				"period_type": "Year",
				"from_date": date(year, 1, 1),
			}
		).insert(ignore_permissions=True)
		started = time.perf_counter()
		names = period.close_period()
		seconds = time.perf_counter() - started
		proposals = frappe.db.count("Commendation", {"emulation_period": period.name}) + frappe.db.count(
			"Disciplinary Review", {"emulation_period": period.name}
		)
	return seconds, len(names), proposals


def kpi_month(unit: str, year: int, month: int, repeat: int = 5) -> tuple[float, int]:
	from ward_admin.emulation.report.staff_kpi import staff_kpi

	filters = {
		"administrative_unit": unit,
		"from_date": date(year, month, 1),
		"to_date": date(year, month, 28),
	}
	times, rows = [], 0
	for _ in range(repeat):
		frappe.local.cache = {}
		started = time.perf_counter()
		result = staff_kpi.execute(filters)
		times.append(time.perf_counter() - started)
		rows = len(result[1])
	return statistics.median(times), rows


def resolve_overhead(pairs: int) -> tuple[list[float], list[float]]:
	"""Resolve transitions with and without crediting, alternated; each dossier resolved once."""
	from frappe.model.workflow import apply_workflow

	from ward_admin.emulation import points as ledger

	real_rules = ledger.enabled_rules
	dossier = frappe.qb.DocType("Dossier")
	candidates = (
		frappe.qb.from_(dossier)
		.select(dossier.name)
		.where(dossier.status == "Processing")
		.orderby(dossier.name)
		.limit(2 * pairs + 20)
		.run(pluck=True)
	)
	if len(candidates) < 2 * pairs + 20:
		sys.exit("Not enough dossiers in Processing: regenerate the synthetic province")
	with_points, without = [], []
	with rolled_back():
		# default rules, as a site has them: every lifecycle event credits someone
		for rule in frappe.get_all("Emulation Rule", filters={"name": ("like", "_Bench%")}, pluck="name"):
			frappe.db.set_value("Emulation Rule", rule, "enabled", 0)
		ledger.clear_caches()
		before = frappe.db.count("Emulation Point Entry")
		for i, name in enumerate(candidates):
			doc = apply_workflow(frappe.get_doc("Dossier", name), "Submit for Signature")
			off = i % 2 == 1
			ledger.enabled_rules = (lambda: []) if off else real_rules
			started = time.perf_counter()
			apply_workflow(frappe.get_doc("Dossier", doc.name), "Resolve")
			elapsed = time.perf_counter() - started
			ledger.enabled_rules = real_rules
			if i >= 20:  # warm-up
				(without if off else with_points).append(elapsed)
		credited = frappe.db.count("Emulation Point Entry") - before
	ledger.clear_caches()
	return with_points, without, credited


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="bench.localhost")
	parser.add_argument("--dossiers", type=int, default=1_000_000)
	parser.add_argument("--units", type=int, default=100)
	parser.add_argument(
		"--pairs", type=int, default=PAIRS_DEFAULT, help="Resolve transitions with and without points"
	)
	parser.add_argument("--skip-close", action="store_true")
	parser.add_argument("--skip-resolve", action="store_true")
	args = parser.parse_args(argv)
	with connected(args.site):
		meta = ensure_province(args.dossiers, args.units)
		province, year = meta["province"], int(meta["year"])
		employees = ensure_employees(province)
		entries = ensure_ledger(employees)
		total_entries = frappe.db.count("Emulation Point Entry")
		dossiers = frappe.db.count("Dossier")
		print(
			f"Province {province}: {dossiers:,} dossiers, {len(employees)} staff with an Employee, "
			f"{total_entries:,} point entries ({entries:,} of the benchmark's rules)"
		)
		if not args.skip_close:
			seconds, rows, proposals = close_year(province, year)
			print(
				f"Close the year {year} for the province: {seconds:.1f} s "
				f"({rows} Staff Period Score rows, {proposals} proposals)  target < 60 s"
			)
		busiest = frappe.db.sql(
			"select administrative_unit from `tabDossier` group by administrative_unit order by count(*) desc limit 1"
		)[0][0]
		median, rows = kpi_month(busiest, year, 3)
		print(
			f"Staff KPI, busiest ward {busiest}, March {year}: {ms(median)} median of 5 ({rows} staff)  target < 1 s"
		)
		if args.skip_resolve:
			print(f"Rerun: {rerun_command('bench_emulation.py', argv)}")
			return
		with_points, without, credited = resolve_overhead(args.pairs)
		a, b = statistics.median(with_points), statistics.median(without)
		print(
			f"Resolve with points credited: median {ms(a)}, p90 {ms(percentile(with_points, 0.9))}\n"
			f"Resolve without crediting:    median {ms(b)}, p90 {ms(percentile(without, 0.9))}\n"
			f"Crediting adds {100 * (a / b - 1):.1f}% to a Resolve ({len(with_points)} + {len(without)} alternated, "
			f"{credited} point entries written by the default rules)  target <= 20%"
		)
	print(f"Rerun: {rerun_command('bench_emulation.py', argv)}")


if __name__ == "__main__":
	main()
