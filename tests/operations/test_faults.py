"""Faults an office meets, on the stack's own servers (conftest.py): the database restarted under
load, Redis restarted, and a worker killed in the middle of the overdue scan or a period close."""

import json
import os
import signal
import threading
import time
from collections import Counter
from pathlib import Path

from conftest import BENCH, run_in_site, wait_for


def load(stack, stop: threading.Event, seen: list, sessions: int = 4):
	"""Logged-in clients asking for their user (a request that needs the database) until `stop`."""

	def client():
		http = stack.login()
		while not stop.is_set():
			try:
				response = http.get(f"{stack.url}/api/method/frappe.auth.get_logged_user", timeout=30)
				seen.append(
					(
						time.monotonic(),
						response.status_code,
						response.headers.get("Retry-After"),
						response.text[:300],
					)
				)
			except Exception as e:
				seen.append((time.monotonic(), type(e).__name__, None, str(e)[:200]))
			time.sleep(0.05)

	threads = [threading.Thread(target=client, daemon=True) for _ in range(sessions)]
	for thread in threads:
		thread.start()
	return threads


def test_the_database_restarted_under_load_answers_503_then_recovers(stack):
	web = stack.pids()["web"]
	stop, seen = threading.Event(), []
	threads = load(stack, stop, seen)
	try:
		wait_for(lambda: len(seen) > 20, 60, "the load to run")
		stack.primary.stop()
		down_at = time.monotonic()
		time.sleep(4)
		restart_at = time.monotonic()
		stack.primary.start()
		up_at = time.monotonic()
		back_at = wait_for(
			lambda: next((t for t, s, *_ in seen if t > up_at and s == 200), None),
			60,
			"answers after the restart",
		)
		time.sleep(2)
	finally:
		stop.set()
		for thread in threads:
			thread.join(timeout=60)
	during = [s for s in seen if down_at + 0.5 < s[0] < restart_at]
	assert len(during) > 10
	# while it is down: a clear 503 the client may retry, never a bare 500
	assert Counter(status for _, status, *_ in during) == {503: len(during)}, Counter(s[1] for s in during)
	assert {retry for _, _, retry, _ in during} == {"10"}
	assert all(json.loads(text)["exc_type"] == "ServiceUnavailable" for *_, text in during)
	# back by itself: the same gunicorn answers every request again
	after = [status for t, status, *_ in seen if t > back_at + 0.2]
	assert after and set(after) == {200}
	assert stack.pids()["web"] == web


def test_redis_restarted_keeps_sessions_and_the_queue_resumes(stack):
	from redis import Redis
	from rq.job import Job

	http = stack.login()
	user = f"{stack.url}/api/method/frappe.auth.get_logged_user"
	assert http.get(user, timeout=30).json()["message"] == "Administrator"
	stack.redis.stop()
	stack.redis.start()  # empty: the bench's Redis keeps nothing on disk either
	assert stack.redis.answers()
	# the session is read back from the database (Frappe keeps sessions in tabSessions)
	response = wait_for(lambda: (r := http.get(user, timeout=30)).status_code != 503 and r, 30, "an answer")
	assert response.status_code == 200 and response.json()["message"] == "Administrator"
	# the queue resumes: a job enqueued on the restarted Redis runs (the workers reconnect, or
	# die and are started again by supervisord)
	job_id = run_in_site("print(json.dumps(frappe.enqueue('frappe.ping', queue='short').id))")
	job = Job.fetch(job_id, connection=Redis(port=stack.redis.port))
	wait_for(lambda: job.get_status(refresh=True) == "finished", 120, "the job to run")
	assert job.return_value() == "pong"


def innodb_writes(stack) -> int:
	"""Rows written by the open transactions of the stack's database (0 when none)."""
	rows = stack.primary.sql("SELECT COALESCE(MAX(trx_rows_modified), 0) FROM information_schema.innodb_trx")
	return int(rows.stdout.strip() or 0)


def children(pid: int) -> list[int]:
	found = []
	for stat in Path("/proc").glob("[0-9]*/stat"):
		try:
			fields = stat.read_text().rsplit(") ", 1)[1].split()
		except OSError:
			continue
		if int(fields[1]) == pid:
			found.append(int(stat.parent.name))
	return found


def kill_with_children(pid: int) -> None:
	for child in children(pid):
		os.kill(child, signal.SIGKILL)
	os.kill(pid, signal.SIGKILL)


def test_a_worker_killed_in_the_overdue_scan_loses_nothing(stack):
	import pymysql
	from redis import Redis
	from rq.job import Job

	ward = run_in_site(
		"""
		from province_data import ward_with_staff, overdue_dossiers
		ward = ward_with_staff("999.71.01.H99", "_Test Phường Sự Cố")
		ward["dossiers"] = overdue_dossiers(ward, 20)
		print(json.dumps(ward))
		"""
	)
	dossiers = sorted(ward["dossiers"])
	# A fence between the 10th and the 11th dossier in the ledger's index of references (an entry of
	# no unit, no points): holding the index after it stops the scan at the 11th dossier's entry,
	# with the first ten written and not committed.
	fence = dossiers[9] + "~"
	run_in_site(
		f"""
		frappe.db.sql(
			"INSERT INTO `tabEmulation Point Entry` (name, reference_doctype, reference_name, entry_key, points)"
			" VALUES (9000000000000, 'Dossier', %s, SHA1('_fence'), 0)",
			{fence!r},
		)
		frappe.db.commit()
		print("null")
		"""
	)
	enqueue = """
		from province_data import OVERDUE_ON
		job = frappe.enqueue("ward_admin.emulation.points.credit_overdue", queue="long", on=OVERDUE_ON)
		print(json.dumps(job.id))
	"""
	entries = f"""
		from province_data import point_entries
		print(json.dumps([list(map(str, row)) for row in point_entries({ward["unit"]!r})]))
	"""
	worker = stack.pids()["worker-long:worker-long-0"]
	holder = pymysql.connect(host="127.0.0.1", port=stack.primary.port, user="root", autocommit=False)
	try:
		with holder.cursor() as cursor:
			cursor.execute(
				f"SELECT name FROM `{site_db()}`.`tabEmulation Point Entry` FORCE INDEX (reference_name)"
				" WHERE reference_name > %s FOR UPDATE",
				fence,
			)
		first = Job.fetch(run_in_site(enqueue), connection=Redis(port=stack.redis.port))
		# in the middle of it: entries written (the first ten, in the order of the codes), none
		# committed, the scan waiting at the fence
		wait_for(lambda: half_written_and_waiting(stack), 120, "the scan to stop at the fence")
		kill_with_children(worker)
	finally:
		holder.rollback()
		holder.close()
	wait_for(lambda: innodb_writes(stack) == 0, 60, "MariaDB to roll the killed scan back")
	assert first.get_status(refresh=True) != "finished"
	assert run_in_site(entries) == []  # nothing half-written
	wait_for(lambda: stack.pids().get("worker-long:worker-long-0") not in (None, worker), 60, "a new worker")

	# the next run finishes it: one entry per overdue dossier, to its assignee, once
	second = Job.fetch(run_in_site(enqueue), connection=Redis(port=stack.redis.port))
	wait_for(lambda: second.get_status(refresh=True) == "finished", 180, "the next scan to finish", 0.5)
	done = run_in_site(entries)
	assert [row[0] for row in done] == dossiers
	assert {(row[1], row[3]) for row in done} == {(ward["specialist"], "2026-03-09")}


def site_db() -> str:
	return json.loads((BENCH / "sites" / "ops.localhost" / "site_config.json").read_text())["db_name"]


def test_a_worker_killed_in_a_period_close_loses_nothing(stack):
	import pymysql

	period = run_in_site(
		"""
		from province_data import overdue_dossiers, ward_with_staff
		ward = ward_with_staff("999.72.01.H99", "_Test Phường Khóa Sổ")
		overdue_dossiers(ward, 3)  # the period's work: its staff get scores
		period = frappe.get_doc({
			"doctype": "Emulation Period", "period_type": "Month", "administrative_unit": ward["unit"],
			"from_date": "2026-03-01", "to_date": "2026-03-31",
		}).insert()
		frappe.db.commit()
		print(json.dumps(period.name))
		"""
	)
	state = f"""
		print(json.dumps([
			frappe.db.get_value("Emulation Period", {period!r}, "status"),
			frappe.db.count("Staff Period Score", {{"emulation_period": {period!r}}}),
			frappe.db.count("Commendation", {{"emulation_period": {period!r}}})
			+ frappe.db.count("Disciplinary Review", {{"emulation_period": {period!r}}}),
		]))
	"""
	http = stack.login()
	close = {"dt": "Emulation Period", "dn": period, "method": "close_period"}
	# Hold the period's history open: the close writes its scores and proposals, then waits here
	# to log "Closed" (an insert into the gap this transaction locked).
	holder = pymysql.connect(host="127.0.0.1", port=stack.primary.port, user="root", autocommit=False)
	answer = {}
	try:
		with holder.cursor() as cursor:
			cursor.execute(
				f"SELECT name FROM `{site_db()}`.`tabEmulation Period Log` WHERE parent = %s FOR UPDATE",
				period,
			)

		def request():
			try:
				response = http.post(f"{stack.url}/api/method/run_doc_method", data=close, timeout=300)
				answer["status"], answer["text"] = response.status_code, response.text[:500]
			except Exception as e:
				answer["status"] = type(e).__name__

		# a worker that answers at once, so the wait below measures the close and not a restart
		wait_for(lambda: stack.session().get(f"{stack.url}/api/method/ping", timeout=5).ok, 60, "gunicorn")
		thread = threading.Thread(target=request, daemon=True)
		web = stack.pids()["web"]
		thread.start()
		wait_for(
			lambda: half_written_and_waiting(stack) or "status" in answer,
			240,
			"the close to wait, half-written",
			0.3,
		)
		assert "status" not in answer, f"the close answered before it waited: {answer}"
		for worker in children(web):  # gunicorn's workers; the master starts new ones
			os.kill(worker, signal.SIGKILL)
	finally:
		holder.rollback()
		holder.close()
	thread.join(timeout=60)
	assert answer["status"] == 502  # nginx: the worker went away mid-request
	assert run_in_site(state) == ["Open", 0, 0]  # nothing half-written
	# the next close finishes it
	wait_for(lambda: stack.session().get(f"{stack.url}/api/method/ping", timeout=5).ok, 60, "gunicorn")
	response = http.post(f"{stack.url}/api/method/run_doc_method", data=close, timeout=120)
	assert response.status_code == 200, response.text[:500]
	closed = run_in_site(state)
	assert closed[0] == "Closed" and closed[1] == len(response.json()["message"]) > 0


def half_written_and_waiting(stack) -> bool:
	"""Whether a transaction of the stack's database has written rows and now waits for a lock
	(one query, so both are true of the same transaction at the same moment).

	InnoDB refreshes what information_schema shows of its transactions only when it was last read
	more than 0.1 s ago: polled faster, it shows the same stale picture for ever."""
	rows = stack.primary.sql(
		"SELECT COUNT(*) FROM information_schema.innodb_trx"
		" WHERE trx_state = 'LOCK WAIT' AND trx_rows_modified > 0"
	)
	return int(rows.stdout.strip() or 0) > 0
