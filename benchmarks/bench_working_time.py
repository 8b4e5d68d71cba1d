"""Benchmark: deadlines per second of the working-time engine (received -> start -> due).

Builds a 3-year Vietnamese working calendar (2025-01-01 .. 2027-12-31), generates N random
dossiers (received at any instant, nights and weekends included; 0-15 working days or 1-40
working hours) and times the engine computing all N due dates, best of 3 runs.

Run from the repository root:

	PYTHONPATH=apps/ward_admin python3 benchmarks/bench_working_time.py --n 100000 --seed 1

Another engine (e.g. ERPNext's SLA) can reuse ``make_cases`` and plug in its own ``run_engine``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

try:
	from ward_admin.services.working_time import WorkingCalendar, build_calendar, compute_due
except ImportError:  # run without PYTHONPATH
	sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "apps" / "ward_admin"))
	from ward_admin.services.working_time import WorkingCalendar, build_calendar, compute_due

FROM_DATE = date(2025, 1, 1)
TO_DATE = date(2027, 12, 31)


def _span(first: date, last: date) -> list[date]:
	return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Public holidays falling on weekdays (Labour Code 2019 Art 112 plus the announced swaps). 2025 and
# the Tết 2026 break are as announced; the rest of 2026 and all of 2027 are approximations, which is
# fine for a speed benchmark.
HOLIDAYS = [
	# 2025
	date(2025, 1, 1),
	*_span(date(2025, 1, 27), date(2025, 1, 31)),  # Tết Ất Tỵ
	date(2025, 4, 7),  # Giỗ Tổ Hùng Vương
	date(2025, 4, 30),
	date(2025, 5, 1),
	date(2025, 5, 2),  # swapped with Saturday 26/4
	date(2025, 9, 1),
	date(2025, 9, 2),
	# 2026
	date(2026, 1, 1),
	*_span(date(2026, 2, 16), date(2026, 2, 20)),  # Tết Bính Ngọ (Sat 14/2 .. Sun 22/2)
	date(2026, 4, 27),  # Giỗ Tổ (Sunday 26/4) moved to Monday
	date(2026, 4, 30),
	date(2026, 5, 1),
	date(2026, 9, 1),
	date(2026, 9, 2),
	# 2027
	date(2027, 1, 1),
	*_span(date(2027, 2, 4), date(2027, 2, 10)),  # Tết Đinh Mùi (approximate)
	date(2027, 4, 16),  # Giỗ Tổ (approximate)
	date(2027, 4, 30),
	date(2027, 5, 3),  # 1/5 is a Saturday
	date(2027, 9, 2),
	date(2027, 9, 3),
]
EXTRA_WORKING_DAYS = [date(2025, 4, 26), date(2027, 2, 20)]  # compensatory Saturdays (ngày làm bù)

# Cases are received in 2025-01-01 .. 2027-10-31 so that 15 working days always fit the calendar.
_CASE_FROM = datetime(2025, 1, 1)
_CASE_SPAN_S = int((datetime(2027, 11, 1) - _CASE_FROM).total_seconds())


def make_calendar() -> WorkingCalendar:
	"""The 3-year benchmark calendar with the default sessions and 15:00 cut-off."""
	return build_calendar(FROM_DATE, TO_DATE, holidays=HOLIDAYS, extra_working_days=EXTRA_WORKING_DAYS)


def make_cases(n: int, seed: int) -> list[tuple[datetime, int, str]]:
	"""N cases (received_at, processing_time, time_unit), reproducible from ``seed``."""
	rng = random.Random(seed)
	cases = []
	for _ in range(n):
		received = _CASE_FROM + timedelta(seconds=rng.randrange(_CASE_SPAN_S))
		if rng.random() < 0.5:
			cases.append((received, rng.randint(0, 15), "Working Days"))
		else:
			cases.append((received, rng.randint(1, 40), "Working Hours"))
	return cases


def run_engine(cal: WorkingCalendar, cases: list[tuple[datetime, int, str]]) -> list[datetime | None]:
	"""Due instants of all cases with this module's engine."""
	return [compute_due(cal, received, n, unit) for received, n, unit in cases]


def bench(run, cal, cases: list, repeat: int = 3) -> tuple[float, list]:
	"""Best wall time of ``repeat`` runs of ``run(cal, cases)`` and the last result."""
	best = float("inf")
	result: list = []
	for _ in range(repeat):
		t0 = time.perf_counter()
		result = run(cal, cases)
		best = min(best, time.perf_counter() - t0)
	return best, result


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--n", type=int, default=100_000, help="number of cases (default 100000)")
	parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
	parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported (default 3)")
	args = parser.parse_args(argv)

	t0 = time.perf_counter()
	cal = make_calendar()
	build_s = time.perf_counter() - t0
	cases = make_cases(args.n, args.seed)
	best, dues = bench(run_engine, cal, cases, args.repeat)

	print(f"calendar: {cal!r}, built in {build_s * 1e3:.2f} ms")
	print(f"cases: {args.n} (seed {args.seed}), best of {args.repeat}: {best:.3f} s")
	print(f"working_time engine: {args.n / best:,.0f} deadlines/s, {best / args.n * 1e6:.2f} µs per deadline")
	print(f"sample: {cases[0]} -> {dues[0]}")
	print(
		"rerun: PYTHONPATH=apps/ward_admin python3 benchmarks/bench_working_time.py "
		f"--n {args.n} --seed {args.seed} --repeat {args.repeat}"
	)


if __name__ == "__main__":
	main()
