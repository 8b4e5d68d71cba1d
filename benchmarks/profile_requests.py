"""Where a request's server time goes: the slow operations of bench_load.py, served in-process by
the app's WSGI application (ward_admin.wsgi, as gunicorn serves it) under cProfile.

Run from the bench root with the bench's Python, on the site bench_load.py ran on (it uses the
users that benchmark made; never the test site):

	env/bin/python benchmarks/profile_requests.py --site ward.localhost --n 30

For each operation: its mean server time over --n requests (after warm-up), the number of SQL
queries per request, and the functions with the most cumulative time. What it writes (dossiers,
receipts) is committed, as a served request commits it.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import sys
import time
from pathlib import Path

BENCH_ROOT = Path(__file__).resolve().parent.parent
OFFICER = "load.officer.0@{unit}.example.vn"


def client_for(site: str):
	from werkzeug.test import Client

	os.chdir(BENCH_ROOT / "sites")
	from ward_admin.wsgi import application

	return Client(application)


class Session:
	def __init__(self, client, site: str, user: str, password: str):
		self.client, self.site = client, site
		response = self.post("login", usr=user, pwd=password)
		assert response.status_code == 200, response.get_data(as_text=True)[:300]
		page = client.get("/app", headers={"Host": site, "Accept": "text/html"})
		text = page.get_data(as_text=True)
		self.csrf = text.split('frappe.csrf_token = "', 1)[1].split('"', 1)[0]

	def post(self, method: str, **data):
		values = {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in data.items()}
		return self.client.post(
			f"/api/method/{method}",
			data=values,
			headers={
				"Host": self.site,
				"Accept": "application/json",
				"X-Frappe-CSRF-Token": getattr(self, "csrf", ""),
			},
		)

	def get(self, method: str, **params):
		return self.client.get(
			f"/api/method/{method}",
			query_string=params,
			headers={"Host": self.site, "Accept": "application/json"},
		)


def plan(site: str) -> dict:
	"""The officer of bench_load.py and what it works on."""
	import frappe

	frappe.init(site=site, sites_path=str(BENCH_ROOT / "sites"))
	frappe.connect()
	try:
		unit = frappe.get_all(
			"User Permission",
			filters={"user": ("like", "load.officer.0@%"), "allow": "Administrative Unit"},
			pluck="for_value",
			limit=1,
		)
		if not unit:
			sys.exit("Run benchmarks/bench_load.py on this site first: it makes the users this profiles")
		unit = unit[0]
		procedure = frappe.get_all(
			"Administrative Procedure",
			filters={"enabled": 1, "fee_amount": (">", 0), "processing_time": (">", 0)},
			pluck="name",
			order_by="procedure_code",
			limit=1,
		)[0]
		documents = frappe.get_all(
			"Procedure Document", filters={"parent": procedure}, pluck="document_name", order_by="idx"
		)
		dossiers = frappe.get_all("Dossier", filters={"administrative_unit": unit}, pluck="name", limit=50)
		return {
			"unit": unit,
			"procedure": procedure,
			"documents": documents,
			"dossiers": dossiers,
			"user": OFFICER.format(unit=unit),
		}
	finally:
		frappe.destroy()


def new_dossier(data: dict, rnd: random.Random) -> dict:
	return {
		"doctype": "Dossier",
		"name": f"new-dossier-{rnd.randrange(10**9)}",
		"__islocal": 1,
		"administrative_unit": data["unit"],
		"procedure": data["procedure"],
		"channel": "Direct",
		"applicant_name": "Nguyễn Văn Hồ Sơ",
		"applicant_id_number": f"0010900{rnd.randrange(100000):05d}",
		"applicant_phone": "0912345678",
		"documents": [
			{"doctype": "Dossier Document", "document_name": d, "received": 1} for d in data["documents"]
		],
	}


def operations(session: Session, data: dict, rnd: random.Random) -> dict:
	def getdoc():
		r = session.get("frappe.desk.form.load.getdoc", doctype="Dossier", name=rnd.choice(data["dossiers"]))
		assert r.status_code == 200, r.get_data(as_text=True)[:300]

	def receive():
		r = session.post("frappe.desk.form.save.savedocs", doc=new_dossier(data, rnd), action="Save")
		assert r.status_code == 200, r.get_data(as_text=True)[:300]
		return r.get_json()["docs"][0]

	unpaid: list[dict] = []

	def receipt():
		dossier = unpaid.pop() if unpaid else receive()
		doc = {
			"doctype": "Fee Receipt",
			"name": f"new-fee-receipt-{rnd.randrange(10**9)}",
			"__islocal": 1,
			"dossier": dossier["name"],
			"amount": dossier["fee_amount"],
			"payment_channel": "Cash",
		}
		saved = session.post("frappe.desk.form.save.savedocs", doc=doc, action="Save")
		assert saved.status_code == 200, saved.get_data(as_text=True)[:300]
		submitted = session.post(
			"frappe.desk.form.save.savedocs", doc=saved.get_json()["docs"][0], action="Submit"
		)
		assert submitted.status_code == 200, submitted.get_data(as_text=True)[:300]

	def receipt_prepared():
		# the dossiers the receipts are for, received outside the timed part
		unpaid.append(receive())

	return {"getdoc": (getdoc, None), "receive": (receive, None), "receipt": (receipt, receipt_prepared)}


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--site", default="ward.localhost")
	parser.add_argument("--n", type=int, default=30)
	parser.add_argument("--top", type=int, default=25)
	parser.add_argument("--password", default="Load@2026-ward")
	parser.add_argument("--ops", default="getdoc,receive,receipt")
	args = parser.parse_args(argv)
	os.chdir(BENCH_ROOT / "sites")  # Frappe finds the bench (logs, apps) from the sites folder
	data = plan(args.site)
	client = client_for(args.site)
	session = Session(client, args.site, data["user"], args.password)
	rnd = random.Random(1)
	ops = operations(session, data, rnd)
	print(f"profile_requests on {args.site} as {data['user']}: {args.n} requests per operation, in-process")
	for name in args.ops.split(","):
		run, prepare = ops[name]
		for _ in range(3):
			run()
		if prepare:
			for _ in range(2 * args.n):
				prepare()
		started = time.perf_counter()
		for _ in range(args.n):
			run()
		plain = (time.perf_counter() - started) / args.n
		profiler = cProfile.Profile()
		started = time.perf_counter()
		profiler.enable()
		for _ in range(args.n):
			run()
		profiler.disable()
		elapsed = (time.perf_counter() - started) / args.n
		out = io.StringIO()
		stats = pstats.Stats(profiler, stream=out)
		stats.sort_stats("cumulative").print_stats(args.top)
		queries = sum(
			calls
			for (file, _, fn), (calls, *_rest) in stats.stats.items()
			if fn == "execute" and "cursors" in file
		)
		print(
			f"\n== {name}: {plain * 1000:.1f} ms per operation ({elapsed * 1000:.1f} ms profiled), "
			f"{queries / args.n:.0f} SQL queries; load average {os.getloadavg()[0]:.1f}"
		)
		print("\n".join(line for line in out.getvalue().splitlines()[6:] if line.strip()))
	print(
		f"\nRerun: env/bin/python benchmarks/profile_requests.py {' '.join(argv if argv is not None else sys.argv[1:])}"
	)


if __name__ == "__main__":
	main()
