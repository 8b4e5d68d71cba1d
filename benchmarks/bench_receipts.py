"""Benchmark: issuing an e-receipt with its Journal Entry against submitting a plain ERPNext
Journal Entry of the same amount.

Run from the bench root with the bench's Python, against a benchmark site (never the test site):

	./ward site bench.localhost && env/bin/python benchmarks/bench_receipts.py --site bench.localhost

Target (issue): the receipt costs at most 1.5x the plain Journal Entry (medians of 500, alternated,
in one run).

What is timed. A receipt: ``frappe.get_doc({...Fee Receipt...}).insert()`` then ``.submit()``
for a dossier with its fee unpaid, in the dossier's unit: the receipt locks the dossier, checks
what is unpaid, takes its number from the unit's counter, signs, and submits its Journal Entry
(debit the cash Mode of Payment's account, credit the fee income account, from Fee Settings). A
plain entry: ``frappe.get_doc({...Journal Entry...}).insert()`` then ``.submit()`` with the same
two accounts, amount and cost center. So the ratio is 1 + what the receipt adds around ERPNext's
own posting. ``--n`` of each (default 500) after ``--warmup`` untimed ones, alternated (receipt
first on even rounds), each timed with ``time.perf_counter``; both run as ``--user`` (default
Administrator: ERPNext's accounting roles and the officer's are not the same user, and the
comparison is of the work, not of two users' permission checks).

Data. The receipts need dossiers with their fee unpaid: the script receives ``n + warmup``
dossiers of procedure 2.000635 (8,000 VND) in the benchmark unit first (untimed). It configures the unit's
company for fees (Fee Settings, accounts, receipt symbol) if the site has not. Nothing is kept:
everything runs in a transaction that is rolled back.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time

TARGET = 1.5
PROCEDURE_CODE = "2.000635"  # a copy of a civil-status extract: 8,000 VND per copy

import frappe
from benchlib import connected, ms, percentile, rerun_command, rolled_back


def pick_unit() -> str:
	"""A ward with a company: the synthetic province's first, else any."""
	import synthetic

	unit = synthetic.units.unit_code(1)
	if frappe.db.exists("Administrative Unit", unit):
		return unit
	units = frappe.get_all("Administrative Unit", filters={"is_group": 0}, pluck="name", limit=1)
	if not units:
		sys.exit("The site has no administrative unit: run ./ward site first")
	return units[0]


def prepare(unit: str, count: int) -> tuple[list[str], dict]:
	"""Fees set up for the unit, and `count` dossiers with their fee unpaid."""
	from ward_admin.fees.doctype.fee_receipt.fee_receipt import company_of
	from ward_admin.fees.doctype.fee_settings.fee_settings import accounts_for
	from ward_admin.setup.fees import ensure_fee_settings, ensure_receipt_symbol

	company = company_of(unit)
	ensure_fee_settings(company)
	ensure_receipt_symbol(unit, "BM")
	procedure = frappe.get_all(
		"Administrative Procedure",
		filters={"procedure_code": PROCEDURE_CODE, "enabled": 1},
		order_by="version desc",
		pluck="name",
		limit=1,
	)
	if not procedure:
		sys.exit(f"Procedure {PROCEDURE_CODE} of the shipped catalogue is missing on this site")
	names = []
	for i in range(count):
		doc = frappe.get_doc(
			{
				"doctype": "Dossier",
				"administrative_unit": unit,
				"procedure": procedure[0],
				"channel": "Direct",
				"applicant_name": f"Công dân {i}",
			}
		)
		doc.run_method("before_insert")
		for row in doc.documents:
			row.received = 1
		doc.insert(ignore_permissions=True)
		names.append(doc.name)
	fee = frappe.db.get_value("Dossier", names[0], "fee_amount")
	if not fee:
		sys.exit(f"Procedure {PROCEDURE_CODE} has no fee on this site")
	accounts = accounts_for(company, "Cash")
	return names, {"company": company, "amount": int(fee), **accounts}


def issue_receipt(dossier: str, amount: int) -> float:
	t0 = time.perf_counter()
	doc = frappe.get_doc(
		{"doctype": "Fee Receipt", "dossier": dossier, "amount": amount, "payment_channel": "Cash"}
	)
	doc.insert()
	doc.submit()
	return time.perf_counter() - t0


def submit_entry(setup: dict, i: int) -> float:
	t0 = time.perf_counter()
	doc = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Cash Entry",
			"company": setup["company"],
			"posting_date": frappe.utils.today(),
			"mode_of_payment": setup["mode_of_payment"],
			"cheque_no": f"BM-{i}",
			"cheque_date": frappe.utils.today(),
			"user_remark": f"Thu lệ phí hồ sơ {i}",
			"accounts": [
				{
					"account": setup["debit"],
					"debit_in_account_currency": setup["amount"],
					"cost_center": setup["cost_center"],
				},
				{
					"account": setup["credit"],
					"credit_in_account_currency": setup["amount"],
					"cost_center": setup["cost_center"],
				},
			],
		}
	)
	doc.insert()
	doc.submit()
	return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", default="bench.localhost", help="site to run on (default bench.localhost)")
	parser.add_argument("--n", type=int, default=500, help="timed receipts and entries each (default 500)")
	parser.add_argument("--warmup", type=int, default=20, help="untimed ones of each first (default 20)")
	parser.add_argument(
		"--user", default="Administrator", help="who issues and posts (default Administrator)"
	)
	args = parser.parse_args(argv)
	rerun = rerun_command("bench_receipts.py", argv)
	with connected(args.site):
		print(
			f"bench_receipts on {args.site}: Frappe {frappe.__version__}, "
			f"MariaDB {frappe.db.sql('select version()')[0][0]}, Python {platform.python_version()}, "
			f"{os.cpu_count()} CPUs"
		)
		receipts, entries = [], []
		with rolled_back():
			unit = pick_unit()
			t0 = time.perf_counter()
			dossiers, setup = prepare(unit, args.n + args.warmup)
			print(
				f"Prepared {len(dossiers):,} dossiers of {PROCEDURE_CODE} in {unit} (fee {setup['amount']:,} VND) "
				f"in {time.perf_counter() - t0:.1f} s; company {setup['company']}: "
				f"debit {setup['debit']}, credit {setup['credit']}"
			)
			frappe.set_user(args.user)
			for i in range(args.warmup):
				issue_receipt(dossiers[i], setup["amount"])
				submit_entry(setup, i)
			for i in range(args.n):
				dossier = dossiers[args.warmup + i]
				if i % 2 == 0:
					receipts.append(issue_receipt(dossier, setup["amount"]))
					entries.append(submit_entry(setup, i))
				else:
					entries.append(submit_entry(setup, i))
					receipts.append(issue_receipt(dossier, setup["amount"]))
			frappe.set_user("Administrator")
		print(
			f"\nReceipt (insert + submit, with its Journal Entry) vs a plain Journal Entry (insert + submit), "
			f"by {args.user}; {args.n:,} of each after {args.warmup} warm-up, alternated"
		)
		print(f"  {'':26}{'median':>12}{'p90':>12}{'mean':>12}{'min':>12}")
		for label, values in (("Fee Receipt + its entry", receipts), ("plain Journal Entry", entries)):
			print(
				f"  {label:26}{ms(statistics.median(values), 9)}{ms(percentile(values, 0.9), 9)}"
				f"{ms(statistics.fmean(values), 9)}{ms(min(values), 9)}"
			)
		ratio = statistics.median(receipts) / statistics.median(entries)
		verdict = "PASS" if ratio <= TARGET else "FAIL"
		print(f"  ratio of medians: {ratio:.2f}x (target <= {TARGET:g}x): {verdict}")
		print(f"Rerun (from the bench root): {rerun}")


if __name__ == "__main__":
	main()
