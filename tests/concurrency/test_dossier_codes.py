"""8 processes receive 400 dossiers for one unit on one day: 400 distinct, contiguous codes.

The processes are real and separate (each its own database connection and transaction), so the
test commits its records and removes them at the end.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import frappe
import pytest

BENCH = Path(__file__).resolve().parents[2]
UNIT = "999.20.01.H99"
PROCEDURE_CODE = "9.999200"
PROCESSES, PER_PROCESS = 8, 50
DAY = "2026-03-02"

WORKER = textwrap.dedent(
	"""
	import os, sys
	import frappe
	os.chdir(sys.argv[1])
	frappe.init(site=sys.argv[2], sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	for i in range(int(sys.argv[5])):
		doc = frappe.get_doc({
			"doctype": "Dossier", "administrative_unit": sys.argv[3], "procedure": sys.argv[4],
			"channel": "Direct", "applicant_name": f"Công dân {i}",
			"received_at": f"{sys.argv[6]} 09:00:00",
		})
		doc.run_method("before_insert")
		for row in doc.documents:
			row.received = 1
		doc.insert(ignore_permissions=True)  # received on a fixed day: server code's privilege
		frappe.db.commit()
	frappe.destroy()
	"""
)


@pytest.fixture
def committed_unit(site):
	from dossier_factory import make_procedure, make_ward, remove_committed_records

	remove_committed_records([UNIT], [PROCEDURE_CODE])  # from an interrupted run
	make_ward(UNIT, "_Test Phường Song Song")
	procedure = make_procedure(PROCEDURE_CODE)
	frappe.db.commit()
	yield procedure
	remove_committed_records([UNIT], [PROCEDURE_CODE])


def test_parallel_receipts_get_contiguous_codes(committed_unit, site):
	procs = [
		subprocess.Popen(
			[
				sys.executable,
				"-c",
				WORKER,
				str(BENCH / "sites"),
				site,
				UNIT,
				committed_unit,
				str(PER_PROCESS),
				DAY,
			],
			stdout=subprocess.PIPE,
			stderr=subprocess.STDOUT,
			text=True,
		)
		for _ in range(PROCESSES)
	]
	for proc in procs:
		output, _ = proc.communicate(timeout=300)
		assert proc.returncode == 0, output[-3000:]

	frappe.db.rollback()  # see the other processes' commits
	names = frappe.get_all("Dossier", filters={"administrative_unit": UNIT}, pluck="name", limit=0)
	expected = [f"{UNIT}-260302-{n:04d}" for n in range(1, PROCESSES * PER_PROCESS + 1)]
	assert sorted(names) == expected
