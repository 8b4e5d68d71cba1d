"""pytest ↔ Frappe: every test that asks for `site` (or sits under tests/integration or
tests/browser) runs against the real test site on MariaDB.

What it does
- Connects once per session to the site named by WARD_TEST_SITE (default test.localhost, the
  site `./ward test` creates) in this bench's `sites/` folder, as Administrator, with
  `frappe.flags.in_test` set, so Frappe behaves as under `bench run-tests`.
- `db` (autouse under tests/integration) rolls back after each test and resets the user, so a
  test may insert what it likes and leaves nothing behind. Frappe commits on its own after DDL
  (creating a DocType or a Custom Field), so a test that does DDL must clean up after itself.
- `FrappeTestCase` classes work too: they commit in setUpClass and roll back in their cleanup.

Adding a test
- A pure rule (no database): put it under tests/unit and import the module; no fixture needed.
- Behaviour on a site: put it under tests/integration and write a plain function; use `frappe`
  directly (`frappe.get_doc(...).insert()`), `frappe.set_user(...)` to act as someone, and
  `pytest.raises(frappe.ValidationError)` for refusals. It rolls back afterwards.
- Over HTTP (REST, the desk in a browser): `desk_url` serves the test site (web and realtime
  servers on free ports) for the session. The server is another process and sees only committed
  data: create users with `committed_user(email, role, password)`, which deletes them afterwards.
- Records: `tests/dossier_factory.py` makes a ward on the shipped calendar, small procedures,
  counter receipts (`receive`), workflow actions at a frozen time (`act`), unit-restricted users,
  and removes what a committing test committed (`remove_committed_records`).
- Run one test: `env/bin/python -m pytest tests/integration/test_foundation.py -k roles`
  (after `./ward test` has set the site up once).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BENCH_PATH = Path(__file__).resolve().parents[1]
# shared test helpers (dossier_factory, desk) import from any test folder
sys.path.insert(0, str(Path(__file__).resolve().parent))
SITE = os.environ.get("WARD_TEST_SITE", "test.localhost")


@pytest.fixture(scope="session")
def site():
	"""The connected test site's name; connects on first use and disconnects at the end."""
	import frappe

	sites_path = BENCH_PATH / "sites"
	if not (sites_path / SITE / "site_config.json").exists():
		pytest.exit(f"Test site {SITE} does not exist: run ./ward test once to create it", returncode=3)
	cwd = os.getcwd()
	os.chdir(sites_path)  # frappe resolves some paths (logs, assets) from the sites folder
	frappe.init(site=SITE, sites_path=str(sites_path))
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	# what every web request and background job does first (hooks.py before_request / before_job)
	from ward_admin.framework import install

	install()
	yield SITE
	frappe.db.rollback()
	frappe.destroy()
	os.chdir(cwd)


@pytest.fixture
def db(site):
	"""Runs the test inside a transaction that is rolled back afterwards."""
	import frappe

	frappe.db.rollback()
	frappe.set_user("Administrator")
	yield frappe.db
	frappe.db.rollback()
	# Frappe keeps each doctype's list of rules (assignment rules, notifications...) in Redis:
	# a rule the test made, now rolled back, must not be applied by the next test
	from frappe.cache_manager import doctype_map_keys

	frappe.cache.delete_value(list(doctype_map_keys))
	frappe.set_user("Administrator")
	frappe.local.message_log = []


def _free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@pytest.fixture(scope="session")
def desk_url(site):
	"""The test site served as `bench start` serves it: the web server and the realtime server,
	each on a free port, so a running `./ward run` is left alone."""
	from frappe.installer import update_site_config

	port, socketio_port = _free_port(), _free_port()
	# the desk's realtime client reads socketio_port from the site's configuration
	update_site_config(
		"socketio_port", socketio_port, site_config_path=str(BENCH_PATH / "sites" / site / "site_config.json")
	)
	env = {**os.environ, "DEV_SERVER": "1"}
	realtime_log = open(BENCH_PATH / "logs" / "browser-test-socketio.log", "w")
	realtime = subprocess.Popen(
		["node", str(BENCH_PATH / "apps" / "frappe" / "socketio.js")],
		cwd=BENCH_PATH,
		env={
			**env,
			"FRAPPE_SITE": site,
			"FRAPPE_SOCKETIO_PORT": str(socketio_port),
			"FRAPPE_BENCH_ROOT": str(BENCH_PATH),
		},
		stdout=realtime_log,
		stderr=subprocess.STDOUT,
	)
	log = open(BENCH_PATH / "logs" / "browser-test-web.log", "w")
	server = subprocess.Popen(
		[
			str(BENCH_PATH / "env" / "bin" / "python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			site,
			"ward-serve",
			"--port",
			str(port),
			"--noreload",
		],
		cwd=BENCH_PATH / "sites",
		env=env,
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	url = f"http://127.0.0.1:{port}"
	deadline = time.monotonic() + 90
	while True:
		try:
			with urllib.request.urlopen(f"{url}/api/method/ping", timeout=5) as response:
				if response.status == 200:
					break
		except OSError:
			pass
		if server.poll() is not None or time.monotonic() > deadline:
			server.kill()
			realtime.kill()
			pytest.fail(f"the desk did not start on {url}; see logs/browser-test-web.log")
		time.sleep(0.5)
	yield url
	for process in (server, realtime):
		process.terminate()
		try:
			process.wait(timeout=10)
		except subprocess.TimeoutExpired:
			process.kill()
	log.close()
	realtime_log.close()


def _committed_users():
	"""The factory behind `committed_user` and `committed_user_module`."""
	import frappe
	from dossier_factory import make_unit_user

	made = []

	def make(email: str, role: str, password: str, unit: str | None = None) -> str:
		from frappe.utils.password import update_password

		make_unit_user(email, role, unit)
		update_password(email, password)
		frappe.db.commit()
		made.append(email)
		return email

	yield make
	frappe.set_user("Administrator")
	for email in made:
		frappe.db.delete("User Permission", {"user": email})
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture
def committed_user(site):
	"""A factory of users committed to the site (the served desk reads them); deleted afterwards."""
	yield from _committed_users()


@pytest.fixture(scope="module")
def committed_user_module(site):
	"""The same, for the records a whole test module shares."""
	yield from _committed_users()
