"""A province's servers in miniature, for the tests of serving, replicas, backups and faults.

`stack` (once per session, started on first use) is what `./ward serve` runs, on servers the
tests may stop, restart and kill without touching anyone else's:
- a MariaDB primary of its own (ops/mariadb.py: its data directory and port, binary log on),
  holding a copy of the test site's database;
- a Redis of its own (no persistence, as the bench's);
- a site `ops.localhost` on them (the test site's configuration, its own database server and
  Redis), served by the supervisord, nginx, gunicorn, RQ workers, scheduler and socketio that
  ops/serve.py configures, on free ports.
Everything is removed at the end. `run_in_site` runs Python in ops.localhost in a process of its
own (the in-process `site` fixture stays on the test site).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

BENCH = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BENCH / "ops"))
import mariadb
import serve

OPS_SITE = "ops.localhost"
TEST_SITE = os.environ.get("WARD_TEST_SITE", "test.localhost")


def free_port() -> int:
	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


def wait_for(check, timeout: float, what: str, interval: float = 0.2):
	deadline = time.monotonic() + timeout
	while True:
		result = check()
		if result:
			return result
		if time.monotonic() > deadline:
			raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
		time.sleep(interval)


@dataclass
class Redis:
	port: int
	process: subprocess.Popen | None = None

	@property
	def url(self) -> str:
		return f"redis://127.0.0.1:{self.port}"

	def start(self) -> None:
		self.process = subprocess.Popen(
			[
				"redis-server",
				"--port",
				str(self.port),
				"--bind",
				"127.0.0.1",
				"--save",
				"",
				"--appendonly",
				"no",
			],
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)
		wait_for(self.answers, 20, f"Redis on {self.port}")

	def answers(self) -> bool:
		return (
			subprocess.run(
				["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True
			).stdout.strip()
			== "PONG"
		)

	def stop(self) -> None:
		if self.process and self.process.poll() is None:
			self.process.kill()
			self.process.wait(timeout=10)


@dataclass
class Stack:
	root: Path  # a temporary folder: servers' data, supervisord's configuration and logs
	primary: mariadb.Server
	redis: Redis
	ports: serve.Ports
	supervisord: subprocess.Popen | None = None
	conf: Path | None = None

	@property
	def url(self) -> str:
		return f"http://127.0.0.1:{self.ports.web}"

	def session(self) -> requests.Session:
		"""An HTTP client of ops.localhost (nginx picks the site from the Host header)."""
		http = requests.Session()
		http.headers.update({"Host": OPS_SITE, "Accept": "application/json"})
		return http

	def login(self, user: str = "Administrator", password: str = "admin") -> requests.Session:
		http = self.session()
		response = http.post(f"{self.url}/api/method/login", data={"usr": user, "pwd": password}, timeout=60)
		assert response.status_code == 200, response.text[:300]
		return http

	def supervisorctl(self, *args: str) -> str:
		return subprocess.run(
			[str(BENCH / "env" / "bin" / "supervisorctl"), "-c", str(self.conf), *args],
			capture_output=True,
			text=True,
		).stdout

	def pids(self) -> dict[str, int]:
		"""{program: pid} of the running programs."""
		found = {}
		for line in self.supervisorctl("status").splitlines():
			parts = line.split()
			if len(parts) >= 4 and parts[1] == "RUNNING" and parts[2] == "pid":
				found[parts[0]] = int(parts[3].rstrip(","))
		return found

	def env(self) -> dict:
		"""What every process of the stack runs with: Frappe reads these before any configuration,
		so the bench-wide RQ workers and scheduler use the stack's Redis."""
		return {
			**os.environ,
			"FRAPPE_REDIS_CACHE": self.redis.url,
			"FRAPPE_REDIS_QUEUE": self.redis.url,
			"WEB_PORT": str(self.ports.web),
			"GUNICORN_PORT": str(self.ports.gunicorn),
			"SOCKETIO_PORT": str(self.ports.socketio),
			"WARD_SERVE_DIR": str(self.root / "serve"),
			"WARD_SERVE_LOGS": str(self.root / "logs"),
			"WARD_GUNICORN_WORKERS": "2",
			"WARD_GUNICORN_THREADS": "4",
		}

	def start_serving(self) -> None:
		env = self.env()
		write = subprocess.run(
			[str(BENCH / "env" / "bin" / "python"), str(BENCH / "ops" / "serve.py"), "--write-only"],
			env=env,
			capture_output=True,
			text=True,
			check=True,
		)
		assert "[program:web]" in write.stdout
		self.conf = self.root / "serve" / "supervisord.conf"
		self.supervisord = subprocess.Popen(
			[str(BENCH / "env" / "bin" / "supervisord"), "--nodaemon", "--configuration", str(self.conf)],
			env=env,
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)

		def up():
			try:
				return self.session().get(f"{self.url}/api/method/ping", timeout=5).status_code == 200
			except requests.RequestException:
				return False

		wait_for(up, 120, f"the stack to answer on {self.url} (logs in {self.root / 'logs'})", 0.5)

	def stop_serving(self) -> None:
		if self.supervisord and self.supervisord.poll() is None:
			self.supervisord.send_signal(signal.SIGINT)
			try:
				self.supervisord.wait(timeout=90)
			except subprocess.TimeoutExpired:
				os.killpg(self.supervisord.pid, signal.SIGKILL)


def run_in_site(code: str, site: str = OPS_SITE, env: dict | None = None, timeout: float = 300):
	"""Run `code` (with `frappe` connected to `site` as Administrator) in a process of its own;
	returns what the code prints on its last line, parsed as JSON."""
	script = textwrap.dedent(
		"""
		import json, os, sys
		sys.path[:0] = [{tests!r}, {tests!r} + "/operations"]
		os.chdir({sites!r})
		import frappe
		frappe.init(site={site!r}, sites_path={sites!r})
		frappe.connect()
		from ward_admin.framework import install
		install()
		frappe.set_user("Administrator")
		try:
		{code}
		finally:
			frappe.destroy()
		"""
	).format(
		tests=str(BENCH / "tests"),
		sites=str(BENCH / "sites"),
		site=site,
		code=textwrap.indent(textwrap.dedent(code), "\t"),
	)
	done = subprocess.run(
		[str(BENCH / "env" / "bin" / "python"), "-c", script],
		capture_output=True,
		text=True,
		env=env or os.environ,
		timeout=timeout,
	)
	assert done.returncode == 0, f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
	lines = [line for line in done.stdout.splitlines() if line.strip()]
	return json.loads(lines[-1]) if lines else None


def copy_database(name: str, user: str, password: str, target: mariadb.Server, folder: Path) -> None:
	"""The test site's database, as it is now, into `target` (with its user)."""
	dump_file = folder / "test-site.sql"
	with open(dump_file, "w") as out:
		dump = subprocess.run(
			["mariadb-dump", "-uroot", "-h127.0.0.1", "--single-transaction", "--quick", "--databases", name],
			stdout=out,
			stderr=subprocess.PIPE,
			text=True,
		)
	assert dump.returncode == 0, dump.stderr[-1000:]
	with open(dump_file) as dumped:
		load = subprocess.run(
			["mariadb", "-uroot", "-h127.0.0.1", f"-P{target.port}", "--protocol=tcp"],
			stdin=dumped,
			capture_output=True,
			text=True,
		)
	assert load.returncode == 0, load.stderr[-1000:]
	dump_file.unlink()
	target.sql(
		f"CREATE USER IF NOT EXISTS '{user}'@'%' IDENTIFIED BY '{password}';"
		f"GRANT ALL PRIVILEGES ON `{name}`.* TO '{user}'@'%'"
	)


@pytest.fixture(scope="session")
def stack():
	if not mariadb.server_binary():
		pytest.skip("MariaDB's server binary (mariadbd) is not installed: no private database server")
	if not shutil.which("redis-server"):
		pytest.skip("redis-server is not installed: no private Redis")
	if not serve.nginx_binary() or not (BENCH / "env" / "bin" / "supervisord").exists():
		pytest.skip("nginx or supervisord is missing: run ./ward test, which installs them")
	sites = BENCH / "sites"
	if not (sites / TEST_SITE / "site_config.json").exists():
		pytest.exit(f"Test site {TEST_SITE} does not exist: run ./ward test once to create it", returncode=3)
	root = Path(tempfile.mkdtemp(prefix="ward-ops-"))
	(root / "logs").mkdir()
	# a throwaway server: no file per table nor doublewrite buffer, so the copy loads in seconds
	primary = mariadb.Server(
		datadir=root / "primary",
		port=free_port(),
		server_id=1,
		log_bin=True,
		extra=("innodb-file-per-table = 0", "innodb-doublewrite = 0"),
	)
	redis = Redis(free_port())
	web = free_port()
	stack = Stack(root, primary, redis, serve.Ports(web=web, gunicorn=free_port(), socketio=free_port()))
	site_dir = sites / OPS_SITE
	try:
		primary.initialise()
		primary.start()
		redis.start()
		test_conf = json.loads((sites / TEST_SITE / "site_config.json").read_text())
		copy_database(
			test_conf["db_name"],
			test_conf.get("db_user") or test_conf["db_name"],
			test_conf["db_password"],
			primary,
			root,
		)
		shutil.rmtree(site_dir, ignore_errors=True)
		for folder in ("public/files", "private/files", "private/backups", "logs", "locks"):
			(site_dir / folder).mkdir(parents=True)
		(site_dir / "site_config.json").write_text(
			json.dumps(
				{
					**test_conf,
					"db_port": primary.port,
					"redis_cache": redis.url,
					"redis_queue": redis.url,
					"host_name": stack.url,
				},
				indent=1,
			)
		)
		stack.start_serving()
		yield stack
	finally:
		stack.stop_serving()
		redis.stop()
		for server in getattr(stack, "extra_servers", []):
			server.stop()
		primary.stop()
		shutil.rmtree(site_dir, ignore_errors=True)
		if os.environ.get("WARD_KEEP_OPS"):
			print(f"kept {root}")
		else:
			shutil.rmtree(root, ignore_errors=True)
