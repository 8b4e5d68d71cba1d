"""A served desk for browser tests: the test site behind `frappe serve` on a free port.

The server is a separate process, so what a browser test needs in the database must be
committed; the fixtures here delete what they committed when they finish.
"""

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

BENCH_PATH = Path(__file__).resolve().parents[2]
ARTIFACTS = BENCH_PATH / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


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
			"serve",
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


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	if not os.path.exists(CHROMIUM):
		pytest.fail(f"{CHROMIUM} is missing: ./ward test installs Debian's chromium")
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def committed_user(site):
	"""A factory of users committed to the site (the served desk reads them); deleted afterwards."""
	import frappe

	made = []

	def make(email: str, role: str, password: str) -> str:
		from frappe.utils.password import update_password

		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": "Browser",
					"last_name": "Test",
					"send_welcome_email": 0,
					"roles": [{"role": role}],
				}
			)
			user.insert(ignore_permissions=True)
		update_password(email, password)
		frappe.db.commit()
		made.append(email)
		return email

	yield make
	frappe.set_user("Administrator")
	for email in made:
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture
def artifacts() -> Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	return ARTIFACTS
