"""Benchmark: a working day's load on a served site, beside Frappe's own /api/method/ping.

Run from the bench root with the bench's Python against a site served by `./ward serve` (never
the test site; the demo site is what an office sees):

	WEB_PORT=8100 ./ward serve          # in another terminal
	env/bin/python benchmarks/bench_load.py --url http://127.0.0.1:8100 --site ward.localhost

What runs, in one run and with the same clients (the load generator on the same machine):
1. `ping`: every session calls /api/method/ping back to back for --duration seconds: what
   Frappe's request cycle costs with no work (the ceiling of this machine).
2. `mix`: the same sessions work the day's mix back to back (no think time).
3. `mix+think`: for each of --think-sessions, that many sessions work the mix with a think
   time drawn from an exponential distribution of mean --think seconds (people reading the
   screen), after a random start within the first think time.

The mix, per kind of staff (sessions are split --officers / --specialists / the rest leaders):
- One-Stop Officer: `list` (the dossier list: rows and count, as the desk's list view asks),
  `open` (a dossier's form: getdoc), `search` (a dossier by the applicant's name, the link box),
  `receive` (a counter receipt: the form's save), `receipt` (a fee receipt for a dossier it
  received: save, then submit);
- Specialist: `tasks` (the queue of dossiers to start), `open`, `act` (Start Processing on a
  dossier its paired officer received, else Submit for Signature of one it started);
- Ward Leader: `service_index` and `staff_kpi` (the reports, this month), `workspace` (the
  Service Indicators workspace page).
Each operation is timed from its first request to its last answer; every answer other than a
2xx, and every `exc` in a 2xx, is an error and is printed.

Data (committed, once): a user per session in the demo's wards (`load.<kind>.<n>@<ward>`,
password --password), so every session is a staff member restricted to a ward as in an office;
dossiers received by the benchmark stay (they are what a day leaves behind).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import platform
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path

BENCH_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSWORD = "Load@2026-ward"
OFFICER_OPS = {"list": 25, "open": 25, "search": 20, "receive": 15, "receipt": 15}
SPECIALIST_OPS = {"tasks": 40, "open": 30, "act": 30}
LEADER_OPS = {"service_index": 35, "staff_kpi": 30, "workspace": 35}
ROLES = {"officer": "One-Stop Officer", "specialist": "Specialist", "leader": "Ward Leader"}
DOSSIER_FIELDS = [
	"`tabDossier`.`name`",
	"`tabDossier`.`applicant_name`",
	"`tabDossier`.`procedure`",
	"`tabDossier`.`status`",
	"`tabDossier`.`due_at`",
	"`tabDossier`.`appointment_at`",
	"`tabDossier`.`administrative_unit`",
	"`tabDossier`.`modified`",
]
FIRST_NAMES = ["Nguyễn Văn", "Trần Thị", "Lê Văn", "Phạm Thị", "Hoàng Văn", "Vũ Thị", "Đặng Văn", "Bùi Thị"]
LAST_NAMES = ["An", "Bình", "Cường", "Dung", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nam", "Oanh", "Phúc"]


# ---------------------------------------------------------------- preparation (in-process)
def prepare(site: str, sessions: int, officers: float, specialists: float, password: str) -> dict:
	"""Users for `sessions` sessions in the demo's wards, and what their operations need."""
	import frappe
	from benchlib import connected

	with connected(site):
		# a hundred staff made at once, as a data import makes them (Frappe throttles sign-ups)
		frappe.flags.in_import = True
		wards = frappe.get_all(
			"Administrative Unit",
			filters={"is_group": 0, "company": ("is", "set")},
			fields=["name", "unit_name"],
			order_by="name",
		)
		wards = [w for w in wards if frappe.db.exists("Receipt Symbol", {"administrative_unit": w.name})]
		if not wards:
			sys.exit(
				"No ward with fees configured: run the benchmark on the demo site (./ward serve loads it)"
			)
		procedures = frappe.get_all(
			"Administrative Procedure",
			filters={"enabled": 1, "fee_amount": (">", 0), "processing_time": (">", 0)},
			fields=["name", "fee_amount"],
			order_by="procedure_code",
			limit=5,
		)
		if not procedures:
			sys.exit("No procedure with a fee in the catalogue")
		documents = {
			p.name: frappe.get_all(
				"Procedure Document",
				filters={"parent": p.name, "parenttype": "Administrative Procedure"},
				fields=["document_name", "mandatory"],
				order_by="idx",
			)
			for p in procedures
		}
		plan = []
		n_officers = max(1, round(sessions * officers))
		n_specialists = max(1, round(sessions * specialists))
		for i in range(sessions):
			kind = (
				"officer" if i < n_officers else "specialist" if i < n_officers + n_specialists else "leader"
			)
			number = (
				i
				if kind == "officer"
				else i - n_officers
				if kind == "specialist"
				else i - n_officers - n_specialists
			)
			ward = wards[number % len(wards)]
			email = f"load.{kind}.{number}@{ward.name}.example.vn"
			ensure_user(email, ROLES[kind], ward.name, password)
			# a specialist works the dossiers of the officer with its number (same process)
			plan.append({"kind": kind, "number": number, "email": email, "unit": ward.name})
		frappe.db.commit()
		return {
			"plan": plan,
			"procedures": [
				{"name": p.name, "fee": p.fee_amount, "documents": documents[p.name]} for p in procedures
			],
		}


def ensure_user(email: str, role: str, unit: str, password: str) -> None:
	import frappe
	from frappe.utils.password import update_password

	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"enabled": 1,  # set: an import (frappe.flags.in_import) skips the defaults
				"first_name": role,
				"last_name": email.split("@")[0],
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": email,
				"allow": "Administrative Unit",
				"for_value": unit,
				"apply_to_all_doctypes": 1,
				"is_default": 1,
			}
		).insert(ignore_permissions=True)
	elif not frappe.db.get_value("User", email, "enabled"):
		frappe.db.set_value("User", email, "enabled", 1)
	update_password(email, password)


# ---------------------------------------------------------------- the clients
class Failed(Exception):
	pass


@dataclass
class Sample:
	op: str
	start: float
	seconds: float
	error: str | None = None


@dataclass
class Client:
	url: str
	email: str
	password: str
	http: object = None
	csrf: str = ""

	def login(self) -> None:
		import requests

		self.http = requests.Session()
		self.http.headers["Accept"] = "application/json"
		response = self.http.post(
			f"{self.url}/api/method/login", data={"usr": self.email, "pwd": self.password}, timeout=120
		)
		if response.status_code != 200:
			raise Failed(f"login of {self.email}: {response.status_code} {response.text[:200]}")
		# the desk's boot page carries the session's CSRF token, as a browser gets it
		page = self.http.get(f"{self.url}/app", headers={"Accept": "text/html"}, timeout=120)
		found = re.search(r'frappe.csrf_token = "([^"]+)"', page.text)
		if not found:
			raise Failed(f"no CSRF token in /app for {self.email}: {page.status_code}")
		self.csrf = found.group(1)
		self.http.headers["X-Frappe-CSRF-Token"] = self.csrf

	def call(self, method: str, http_method: str = "GET", **params):
		url = f"{self.url}/api/method/{method}"
		values = {k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in params.items()}
		if http_method == "GET":
			response = self.http.get(url, params=values, timeout=120)
		else:
			response = self.http.post(url, data=values, timeout=120)
		if response.status_code >= 300:
			raise Failed(f"{method}: HTTP {response.status_code} {describe_error(response)}")
		body = response.json() if response.content else {}
		if body.get("exc"):
			raise Failed(f"{method}: {describe_error(response)}")
		return body.get("message"), body


def describe_error(response) -> str:
	try:
		body = response.json()
	except ValueError:
		return re.sub(r"\s+", " ", response.text[:160])
	for key in ("exc_type", "_server_messages", "exception", "exc"):
		if body.get(key):
			text = str(body[key])
			if key == "_server_messages":
				try:
					text = "; ".join(json.loads(m).get("message", m) for m in json.loads(text))
				except (ValueError, AttributeError):
					pass
			return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text))[:200]
	return str(body)[:160]


@dataclass
class Shared:
	"""What a pair of officer and specialist sessions hand each other (one process)."""

	received: deque = field(default_factory=deque)  # dossiers to start
	started: deque = field(default_factory=deque)  # dossiers to send for signature
	unpaid: deque = field(default_factory=deque)  # (dossier, fee) without a receipt


class Worker:
	def __init__(self, spec: dict, url: str, password: str, data: dict, shared: Shared, seed: int):
		self.spec, self.data, self.shared = spec, data, shared
		self.client = Client(url, spec["email"], password)
		self.random = random.Random(seed)
		self.known: list[str] = []  # dossier names this session has seen in its list

	def ops(self) -> dict[str, int]:
		return {"officer": OFFICER_OPS, "specialist": SPECIALIST_OPS, "leader": LEADER_OPS}[self.spec["kind"]]

	def pick(self) -> str:
		ops = self.ops()
		return self.random.choices(list(ops), weights=list(ops.values()))[0]

	# officer and specialist -------------------------------------------------------------
	def op_list(self):
		filters = [["Dossier", "administrative_unit", "=", self.spec["unit"]]]
		message, _ = self.client.call(
			"frappe.desk.reportview.get",
			"POST",
			doctype="Dossier",
			fields=DOSSIER_FIELDS,
			filters=filters,
			order_by="`tabDossier`.`modified` desc",
			start=0,
			page_length=20,
			view="List",
			group_by="",
			with_comment_count=1,
		)
		self.client.call("frappe.desk.reportview.get_count", "POST", doctype="Dossier", filters=filters)
		names = [row[0] for row in (message or {}).get("values", [])]
		if names:
			self.known = names

	def a_dossier(self) -> str | None:
		if not self.known:
			self.op_list()
		return self.random.choice(self.known) if self.known else None

	def op_open(self):
		name = self.a_dossier()
		if name:
			self.client.call("frappe.desk.form.load.getdoc", "GET", doctype="Dossier", name=name)

	def op_search(self):
		txt = self.random.choice(LAST_NAMES)
		self.client.call(
			"frappe.desk.search.search_link",
			"POST",
			doctype="Dossier",
			txt=txt,
			page_length=10,
			reference_doctype="Fee Receipt",
		)

	def op_receive(self):
		procedure = self.random.choice(self.data["procedures"])
		doc = {
			"doctype": "Dossier",
			"name": f"new-dossier-{self.random.randrange(10**9)}",
			"__islocal": 1,
			"administrative_unit": self.spec["unit"],
			"procedure": procedure["name"],
			"channel": "Direct",
			"applicant_name": f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}",
			"applicant_id_number": f"0010900{self.random.randrange(100000):05d}"[:12],
			"applicant_phone": f"09{self.random.randrange(10**8):08d}",
			"documents": [
				{"doctype": "Dossier Document", "document_name": d["document_name"], "received": 1}
				for d in procedure["documents"]
			],
		}
		_, body = self.client.call("frappe.desk.form.save.savedocs", "POST", doc=doc, action="Save")
		saved = body["docs"][0]
		self.shared.received.append(saved["name"])
		if saved.get("fee_amount"):
			self.shared.unpaid.append((saved["name"], saved["fee_amount"]))

	def op_receipt(self):
		if not self.shared.unpaid:
			self.op_receive()
		dossier, fee = self.shared.unpaid.popleft()
		doc = {
			"doctype": "Fee Receipt",
			"name": f"new-fee-receipt-{self.random.randrange(10**9)}",
			"__islocal": 1,
			"dossier": dossier,
			"amount": fee,
			"payment_channel": "Cash",
		}
		_, body = self.client.call("frappe.desk.form.save.savedocs", "POST", doc=doc, action="Save")
		self.client.call("frappe.desk.form.save.savedocs", "POST", doc=body["docs"][0], action="Submit")

	def op_tasks(self):
		self.client.call(
			"frappe.desk.reportview.get",
			"POST",
			doctype="Dossier",
			fields=DOSSIER_FIELDS,
			filters=[
				["Dossier", "status", "=", "Received"],
				["Dossier", "administrative_unit", "=", self.spec["unit"]],
			],
			order_by="`tabDossier`.`due_at` asc",
			start=0,
			page_length=20,
			view="List",
			group_by="",
		)

	def op_act(self):
		if self.shared.received:
			name, action, queue = self.shared.received.popleft(), "Start Processing", self.shared.started
		elif self.shared.started:
			name, action, queue = self.shared.started.popleft(), "Submit for Signature", None
		else:
			return self.op_tasks()
		# the specialist opens the dossier, then presses the action
		_, body = self.client.call("frappe.desk.form.load.getdoc", "GET", doctype="Dossier", name=name)
		doc = body["docs"][0]
		self.client.call("frappe.model.workflow.apply_workflow", "POST", doc=doc, action=action)
		if queue is not None:
			queue.append(name)

	# leader --------------------------------------------------------------------------------
	def month(self) -> dict:
		today = time.strftime("%Y-%m-%d")
		return {"from_date": today[:8] + "01", "to_date": today, "administrative_unit": self.spec["unit"]}

	def op_service_index(self):
		self.client.call(
			"frappe.desk.query_report.run", "POST", report_name="Service Index", filters=self.month()
		)

	def op_staff_kpi(self):
		self.client.call(
			"frappe.desk.query_report.run", "POST", report_name="Staff KPI", filters=self.month()
		)

	def op_workspace(self):
		self.client.call(
			"frappe.desk.desktop.get_desktop_page",
			"POST",
			page={"name": "Service Indicators", "title": "Service Indicators", "public": 1},
		)

	def op_ping(self):
		self.client.call("ping")

	def run(self, op: str) -> Sample:
		start = time.perf_counter()
		error = None
		try:
			getattr(self, f"op_{op}")()
		except Failed as e:
			error = str(e)
		except Exception as e:
			error = f"{type(e).__name__}: {e}"[:200]
		return Sample(op, start, time.perf_counter() - start, error)


def session_loop(worker: Worker, mode: str, think: float, start_at: float, end_at: float, out: list):
	rnd = worker.random
	if think:
		time.sleep(max(0.0, start_at - time.time()) + rnd.uniform(0, think))
	else:
		time.sleep(max(0.0, start_at - time.time()))
	while time.time() < end_at:
		op = "ping" if mode == "ping" else worker.pick()
		sample = worker.run(op)
		if time.time() <= end_at or sample.error:
			out.append(sample)
		if think:
			time.sleep(min(rnd.expovariate(1 / think), max(0.0, end_at - time.time())))


def process_main(specs, url, password, data, phases, seed, conn):
	"""One load-generating process: logs its sessions in, then runs each phase on a signal."""
	shared: dict[int, Shared] = defaultdict(Shared)
	workers = [
		Worker(spec, url, password, data, shared[spec["number"]], seed * 1000 + i)
		for i, spec in enumerate(specs)
	]
	errors = []
	for w in workers:
		try:
			w.client.login()
		except Exception as e:
			errors.append(str(e))
	conn.send(("ready", errors))
	for _ in phases:
		message = conn.recv()
		mode, sessions, think, start_at, end_at = message
		active = workers[:sessions]
		out: list[Sample] = []
		threads = [
			threading.Thread(target=session_loop, args=(w, mode, think, start_at, end_at, out), daemon=True)
			for w in active
		]
		for t in threads:
			t.start()
		for t in threads:
			t.join(timeout=end_at - time.time() + 300)
		conn.send(("done", [(s.op, s.seconds, s.error) for s in out]))
	conn.close()


def distribute(plan: list[dict], procs: int) -> list[list[dict]]:
	"""Sessions over processes, each officer with the specialist of its number; the first
	sessions of the plan come first in each process, so a phase with fewer sessions takes a
	balanced prefix."""
	groups: list[list[dict]] = [[] for _ in range(procs)]
	for spec in plan:
		groups[spec["number"] % procs].append(spec)
	return groups


def interleave(plan: list[dict]) -> list[dict]:
	"""The plan ordered so that any prefix has officers, specialists and leaders in proportion."""
	kinds = defaultdict(list)
	for spec in plan:
		kinds[spec["kind"]].append(spec)
	total = len(plan)
	ordered, taken = [], Counter()
	for _ in range(total):
		best = min(
			(k for k in kinds if taken[k] < len(kinds[k])),
			key=lambda k: (taken[k] + 1) / len(kinds[k]),
		)
		ordered.append(kinds[best][taken[best]])
		taken[best] += 1
	return ordered


# ---------------------------------------------------------------- report
class LockWaits:
	"""Samples, every 0.1 s during a phase, how many of the site's transactions wait for a row lock
	(MariaDB's innodb_trx, joined to the connections of the site's database: the server's own
	counters also count other benches on a shared server)."""

	def __init__(self, site: str):
		conf = json.loads(Path(BENCH_ROOT, "sites", site, "site_config.json").read_text())
		common = json.loads(Path(BENCH_ROOT, "sites", "common_site_config.json").read_text())
		self.database = conf["db_name"]
		self.host = conf.get("db_host") or common.get("db_host") or "127.0.0.1"
		self.port = int(conf.get("db_port") or common.get("db_port") or 3306)
		self.samples = self.waiting = 0
		self.statements: Counter = Counter()  # what the waiting transactions are running
		self.stop = threading.Event()

	def run(self):
		import pymysql

		connection = pymysql.connect(host=self.host, port=self.port, user="root", autocommit=True)
		query = (
			"SELECT t.trx_query FROM information_schema.innodb_trx t JOIN information_schema.processlist p"
			" ON p.id = t.trx_mysql_thread_id WHERE t.trx_state = 'LOCK WAIT' AND p.db = %s"
		)
		with connection.cursor() as cursor:
			while not self.stop.wait(0.1):
				cursor.execute(query, self.database)
				rows = cursor.fetchall()
				self.samples += 1
				self.waiting += len(rows)
				for (statement,) in rows:
					self.statements[statement_shape(statement)] += 1
		connection.close()

	def __enter__(self):
		self.thread = threading.Thread(target=self.run, daemon=True)
		self.thread.start()
		return self

	def __exit__(self, *exc):
		self.stop.set()
		self.thread.join(timeout=10)

	def summary(self) -> str:
		mean = self.waiting / self.samples if self.samples else 0.0
		top = ", ".join(f"{count} x {shape}" for shape, count in self.statements.most_common(3))
		return f"requests waiting for a row lock: {mean:.2f} on average ({self.samples} samples{'; ' + top if top else ''})"


def statement_shape(statement: str | None) -> str:
	"""`UPDATE tabX`, `INSERT tabSeries`, `SELECT … FOR UPDATE tabDossier`: what a statement locks."""
	text = re.sub(r"\s+", " ", statement or "").strip()
	verb = text.split(" ", 1)[0].upper() if text else "?"
	table = re.search(r"(?:INTO|UPDATE|FROM)\s+`?([\w ]+?)`?(?:\s|$|\()", text, re.IGNORECASE)
	locking = " FOR UPDATE" if re.search(r"FOR UPDATE", text, re.IGNORECASE) else ""
	return f"{verb}{locking} {table.group(1) if table else text[:40]}"


def report(title: str, samples: list[tuple], duration: float) -> dict:
	by_op = defaultdict(list)
	errors = Counter()
	for op, seconds, error in samples:
		by_op[op].append(seconds)
		if error:
			errors[(op, error)] += 1
	done = sum(len(v) for v in by_op.values())
	throughput = done / duration
	print(
		f"\n{title}: {done} operations in {duration:.0f} s = {throughput:.1f} operations/s, {sum(errors.values())} errors"
	)
	print(f"  {'operation':<14} {'count':>6} {'/s':>6} {'p50':>9} {'p95':>9} {'max':>9}")
	worst_p95 = 0.0
	for op in sorted(by_op, key=lambda o: -len(by_op[o])):
		values = sorted(by_op[op])
		p50 = statistics.median(values)
		p95 = values[min(len(values) - 1, math.ceil(0.95 * len(values)) - 1)]
		worst_p95 = max(worst_p95, p95)
		print(
			f"  {op:<14} {len(values):>6} {len(values) / duration:>6.1f} {p50 * 1000:>7.0f}ms {p95 * 1000:>7.0f}ms"
			f" {values[-1] * 1000:>7.0f}ms"
		)
	for (op, error), count in sorted(errors.items(), key=lambda e: -e[1]):
		print(f"  error x{count} in {op}: {error}")
	return {"throughput": throughput, "errors": sum(errors.values()), "worst_p95": worst_p95}


def run_in_child(fn, *args):
	"""`fn(*args)` in a process of its own: Frappe's connection never lives in the parent, which
	forks the load generators."""
	ctx = multiprocessing.get_context("fork")
	with ctx.Pool(1) as pool:
		return pool.apply(fn, args)


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description="A working day's load beside /api/method/ping, over HTTP")
	parser.add_argument("--url", default="http://127.0.0.1:8000", help="the served site (./ward serve)")
	parser.add_argument("--site", default="ward.localhost", help="the site the server serves at --url")
	parser.add_argument("--sessions", type=int, default=20, help="sessions of the saturated phases")
	parser.add_argument(
		"--think-sessions", default="50,100", help="comma-separated session counts of the think-time phases"
	)
	parser.add_argument("--think", type=float, default=3.0, help="mean think time in seconds")
	parser.add_argument("--duration", type=float, default=60.0, help="seconds of each phase")
	parser.add_argument("--officers", type=float, default=0.5, help="share of sessions that are officers")
	parser.add_argument("--specialists", type=float, default=0.3, help="share that are specialists")
	parser.add_argument("--procs", type=int, default=2, help="load-generating processes")
	parser.add_argument("--password", default=PASSWORD)
	parser.add_argument("--skip", default="", help="comma-separated phases to skip: ping,mix,think")
	args = parser.parse_args(argv)

	think_sessions = [int(n) for n in args.think_sessions.split(",") if n.strip()]
	skip = {s.strip() for s in args.skip.split(",") if s.strip()}
	total = max([args.sessions, *think_sessions])
	started = time.perf_counter()
	data = run_in_child(prepare, args.site, total, args.officers, args.specialists, args.password)
	plan = interleave(data["plan"])
	print(f"Prepared {total} staff users in {time.perf_counter() - started:.1f} s; logging in …", flush=True)

	phases = []
	if "ping" not in skip:
		phases.append(("ping", args.sessions, 0.0, f"ping, {args.sessions} sessions, no think time"))
	if "mix" not in skip:
		phases.append(("mix", args.sessions, 0.0, f"mix, {args.sessions} sessions, no think time"))
	if "think" not in skip:
		for n in think_sessions:
			phases.append(("mix", n, args.think, f"mix, {n} sessions, think time {args.think:g} s (mean)"))

	ctx = multiprocessing.get_context("fork")
	procs = []
	groups = distribute(plan, args.procs)
	for i, specs in enumerate(groups):
		parent, child = ctx.Pipe()
		process = ctx.Process(
			target=process_main,
			args=(specs, args.url, args.password, data, phases, i + 1, child),
			daemon=True,
		)
		process.start()
		procs.append((process, parent, specs))
	for _, conn, _ in procs:
		_, errors = conn.recv()
		for error in errors:
			print(f"  login error: {error}")

	print(
		f"\nbench_load on {platform.node()} ({os.cpu_count()} cores), {args.url} ({args.site}), "
		f"{args.procs} load processes on the same machine"
	)
	results = {}
	for mode, sessions, think, title in phases:
		# print as we go: a long run shows its first figures early
		locks = LockWaits(args.site).__enter__()
		start_at = time.time() + 1.0
		end_at = start_at + args.duration
		for _, conn, specs in procs:
			# each process runs its share of the first `sessions` sessions of the plan
			share = sum(1 for spec in plan[:sessions] if spec in specs)
			conn.send((mode, share, think, start_at, end_at))
		samples = []
		for _, conn, _ in procs:
			_, got = conn.recv()
			samples.extend(got)
		results[title] = {
			**report(title, samples, args.duration),
			"mode": mode,
			"sessions": sessions,
			"think": think,
		}
		locks.__exit__(None, None, None)
		print(f"  {locks.summary()}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
	for process, _, _ in procs:
		process.join(timeout=10)

	ping = next((r for r in results.values() if r["mode"] == "ping"), None)
	mix = next((r for r in results.values() if r["mode"] == "mix" and not r["think"]), None)
	if ping and mix:
		print(
			f"\nSaturated mix at {100 * mix['throughput'] / ping['throughput']:.0f}% of ping's throughput "
			f"({mix['throughput']:.1f} operations/s against {ping['throughput']:.1f} requests/s; target >= 25%)"
		)
	for title, r in results.items():
		if r["think"]:
			target = 1.5 if r["sessions"] <= 50 else 1.0
			verdict = "met" if r["errors"] == 0 and r["worst_p95"] < target else "missed"
			print(
				f"{title}: worst p95 {r['worst_p95'] * 1000:.0f} ms, {r['errors']} errors "
				f"(target 0 errors, p95 < {target:g} s: {verdict})"
			)
	print(
		"\nRerun: "
		+ " ".join(["env/bin/python benchmarks/bench_load.py", *(argv if argv is not None else sys.argv[1:])])
	)


if __name__ == "__main__":
	sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
	main()
