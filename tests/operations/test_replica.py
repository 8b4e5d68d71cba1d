"""`./ward replica` (ops/replica.py) on the stack's primary: reports read the replica, every write
goes to the primary, and a replica that is down leaves reports on the primary with a warning.

Needs MariaDB's server binary (mariadbd) for the stack's servers: skipped, saying so, without it.
"""

import json
import os
import subprocess
import time

import pymysql
import pytest
from conftest import BENCH, OPS_SITE, free_port, run_in_site, wait_for
from mariadb import Server

SITE_CONFIG = BENCH / "sites" / OPS_SITE / "site_config.json"


@pytest.fixture(scope="module")
def replica(stack):
	port = free_port()
	env = {**os.environ, "REPLICA_PORT": str(port), "REPLICA_DIR": str(stack.root / "replica")}
	ward = BENCH / "ward"
	started = subprocess.run(
		[str(ward), "replica", "start", OPS_SITE], env=env, capture_output=True, text=True
	)
	assert started.returncode == 0, started.stdout + started.stderr
	server = Server(datadir=stack.root / "replica" / "data", port=port, server_id=0)
	try:
		yield server
	finally:
		subprocess.run([str(ward), "replica", "stop", OPS_SITE], env=env, capture_output=True, text=True)


def received(admin, stack, unit: str) -> int:
	"""The Service Index's count of dossiers received this year by `unit`, as a leader runs it."""
	year = time.strftime("%Y")
	response = admin.post(
		f"{stack.url}/api/method/frappe.desk.query_report.run",
		data={
			"report_name": "Service Index",
			"filters": json.dumps(
				{"administrative_unit": unit, "from_date": f"{year}-01-01", "to_date": f"{year}-12-31"}
			),
		},
		timeout=60,
	)
	assert response.status_code == 200, response.text[:500]
	rows = [row for row in response.json()["message"]["result"] if isinstance(row, dict)]
	return next(
		(row["received"] for row in rows if row.get("administrative_unit") == unit), 0
	), response.json()


def test_reports_read_the_replica_and_writes_stay_on_the_primary(stack, replica):
	ward = run_in_site(
		"""
		from province_data import ward_with_staff
		print(json.dumps(ward_with_staff("999.73.01.H99", "_Test Phường Bản Sao")))
		"""
	)
	conf = json.loads(SITE_CONFIG.read_text())
	assert (conf["read_from_replica"], conf["replica_db_port"]) == (1, replica.port)
	assert replica.sql("SELECT @@global.read_only").stdout.strip() == "1"
	admin = stack.login()
	wait_for(lambda: replica_caught_up(stack, replica), 60, "the replica to catch up")
	before, _ = received(admin, stack, ward["unit"])

	replica.sql("STOP SLAVE SQL_THREAD")
	doc = {
		"doctype": "Dossier",
		"name": "new-dossier-1",
		"__islocal": 1,
		"administrative_unit": ward["unit"],
		"procedure": ward["procedure"],
		"channel": "Direct",
		"applicant_name": "Lê Thị Bản Sao",
		"applicant_id_number": "001090012345",
		"applicant_phone": "0912345678",
		"documents": [{"doctype": "Dossier Document", "document_name": "Tờ khai", "received": 1}],
	}
	saved = admin.post(
		f"{stack.url}/api/method/frappe.desk.form.save.savedocs",
		data={"doc": json.dumps(doc), "action": "Save"},
		timeout=60,
	)
	assert saved.status_code == 200, saved.text[:500]
	name = saved.json()["docs"][0]["name"]
	# the form reads the primary: the new dossier is there at once
	form = admin.get(
		f"{stack.url}/api/method/frappe.desk.form.load.getdoc", params={"doctype": "Dossier", "name": name}
	)
	assert form.status_code == 200 and form.json()["docs"][0]["name"] == name
	# the Service Index reads the replica, which has not applied it yet
	assert received(admin, stack, ward["unit"])[0] == before

	replica.sql("START SLAVE SQL_THREAD")
	wait_for(
		lambda: received(admin, stack, ward["unit"])[0] == before + 1, 60, "the replica to apply the dossier"
	)

	# no write reaches the replica: it runs read_only, the site's user may only read there, and it
	# holds what the primary holds, table for table
	site = json.loads(SITE_CONFIG.read_text())
	reader = pymysql.connect(
		host="127.0.0.1",
		port=replica.port,
		user=site["db_name"],
		password=site["db_password"],
		database=site["db_name"],
	)
	with pytest.raises(pymysql.err.MySQLError) as refused, reader.cursor() as cursor:
		cursor.execute("UPDATE `tabDossier` SET applicant_name = 'x' WHERE name = %s", name)
	assert refused.value.args[0] in (1142, 1290)  # no UPDATE privilege / read-only server
	reader.close()
	wait_for(lambda: replica_caught_up(stack, replica), 60, "the replica to catch up")
	tables = ", ".join(
		f"`{site['db_name']}`.`{t}`" for t in ("tabDossier", "tabService Index Daily", "tabFee Receipt")
	)
	checksums = [s.sql(f"CHECKSUM TABLE {tables}").stdout for s in (stack.primary, replica)]
	assert checksums[0] == checksums[1]


def test_reports_fall_back_to_the_primary_when_the_replica_is_down(stack, replica):
	admin = stack.login()
	unit = "999.73.01.H99"
	wait_for(lambda: replica_caught_up(stack, replica), 60, "the replica to catch up")
	up, answer = received(admin, stack, unit)
	assert not answer.get("_server_messages")
	replica.stop()
	# the report runs, on the primary, and says so
	down, answer = received(admin, stack, unit)
	assert down == up
	messages = [json.loads(m) for m in json.loads(answer["_server_messages"])]
	assert [(m.get("alert"), m.get("indicator")) for m in messages] == [(1, "orange")]
	# and a list count, another read-only call, falls back the same way
	count = admin.post(
		f"{stack.url}/api/method/frappe.desk.reportview.get_count",
		data={"doctype": "Dossier", "filters": json.dumps([["Dossier", "administrative_unit", "=", unit]])},
		timeout=60,
	)
	assert count.status_code == 200 and count.json()["message"] == up


def replica_caught_up(stack, replica) -> bool:
	position = stack.primary.sql("SELECT @@gtid_binlog_pos").stdout.strip()
	waited = replica.sql(f"SELECT MASTER_GTID_WAIT('{position}', 1)").stdout.strip()
	return waited == "0"
