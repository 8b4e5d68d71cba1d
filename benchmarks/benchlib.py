"""What the benchmarks that run on a site share: connecting to it as a web request does, running
a part in a transaction that is rolled back, and reading timings."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

import frappe

BENCH_ROOT = Path(__file__).resolve().parent.parent
SITES_PATH = BENCH_ROOT / "sites"


@contextmanager
def connected(site: str):
	"""Connected to `site` as Administrator, with what every web request and background job
	installs first (hooks.py before_request / before_job). Never the test site."""
	if site == os.environ.get("WARD_TEST_SITE", "test.localhost"):
		sys.exit("Run benchmarks on a site of their own, not on the test site")
	os.chdir(SITES_PATH)
	frappe.init(site=site, sites_path=str(SITES_PATH))
	frappe.connect()
	from ward_admin.framework import install

	install()
	try:
		frappe.set_user("Administrator")
		yield
	finally:
		frappe.destroy()


def rerun_command(script: str, argv: list[str] | None) -> str:
	return " ".join([f"env/bin/python benchmarks/{script}", *(argv if argv is not None else sys.argv[1:])])


def _refuse_commit(*args, **kwargs):
	raise RuntimeError("the benchmark must not commit")


@contextmanager
def rolled_back():
	"""Run the block in a transaction that is rolled back, whatever happens."""
	frappe.db.rollback()
	frappe.db.commit = _refuse_commit
	try:
		yield
	finally:
		del frappe.db.commit
		frappe.db.rollback()


def ms(seconds: float, width: int = 8) -> str:
	return f"{seconds * 1000:{width}.2f} ms"


def percentile(values: list[float], share: float) -> float:
	ordered = sorted(values)
	return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
