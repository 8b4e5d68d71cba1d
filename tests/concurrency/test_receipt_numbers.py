"""8 processes issue 1,000 receipts for one unit and symbol at once: numbers 1..1000, no gap, no
duplicate, each with its Journal Entry.

The processes are real and separate (each its own database connection and transaction), so the
test commits its records and removes them at the end. Each process collects for its own dossier:
they contend for the unit's counter only.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

import frappe
import pytest
from frappe.utils import now_datetime

BENCH = Path(__file__).resolve().parents[2]
UNIT = "999.21.01.H99"
PROCEDURE_CODE = "9.999210"
PROCESSES, PER_PROCESS = 8, 125

WORKER = textwrap.dedent(
	"""
	import os, sys
	import frappe
	os.chdir(sys.argv[1])
	frappe.init(site=sys.argv[2], sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	for i in range(int(sys.argv[4])):
		doc = frappe.get_doc({
			"doctype": "Fee Receipt", "dossier": sys.argv[3], "amount": 10, "payment_channel": "Cash",
		})
		doc.insert()
		doc.submit()
		frappe.db.commit()
	frappe.destroy()
	"""
)


@pytest.fixture
def dossiers(site):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records

	from ward_admin.setup.fees import ensure_receipt_symbol

	remove_committed_records([UNIT], [PROCEDURE_CODE])  # from an interrupted run
	make_ward(UNIT, "_Test Phường Biên Lai")
	ensure_receipt_symbol(UNIT, "XE")
	procedure = make_procedure(PROCEDURE_CODE)
	names = [new_dossier(procedure, unit=UNIT).insert().name for _ in range(PROCESSES)]
	frappe.db.commit()
	yield names
	remove_committed_records([UNIT], [PROCEDURE_CODE])


def test_parallel_issuing_gives_contiguous_numbers(dossiers, site):
	procs = [
		subprocess.Popen(
			[sys.executable, "-c", WORKER, str(BENCH / "sites"), site, dossier, str(PER_PROCESS)],
			stdout=subprocess.PIPE,
			stderr=subprocess.STDOUT,
			text=True,
		)
		for dossier in dossiers
	]
	for proc in procs:
		output, _ = proc.communicate(timeout=900)
		assert proc.returncode == 0, output[-3000:]

	frappe.db.rollback()  # see the other processes' commits
	rows = frappe.get_all(
		"Fee Receipt",
		filters={"administrative_unit": UNIT},
		fields=["receipt_number", "receipt_symbol", "journal_entry", "docstatus"],
		limit=0,
	)
	assert {row.receipt_symbol for row in rows} == {f"{now_datetime().year % 100:02d}TXE"}
	assert sorted(row.receipt_number for row in rows) == list(range(1, PROCESSES * PER_PROCESS + 1))
	assert all(row.docstatus == 1 and row.journal_entry for row in rows)
	assert (
		frappe.db.count(
			"Journal Entry",
			{
				"fee_receipt": (
					"in",
					[r.name for r in frappe.get_all("Fee Receipt", {"administrative_unit": UNIT})],
				),
				"docstatus": 1,
			},
		)
		== PROCESSES * PER_PROCESS
	)
