"""A MariaDB server of the bench's own: its data directory, port and socket, started with
Debian's mariadbd outside the machine's configuration (`--defaults-file` of its own).

Used by `./ward replica` (ops/replica.py) for the replica, and by the tests for a primary with
binary logging and a database server they may stop and start.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path


def server_binary() -> str | None:
	return shutil.which("mariadbd") or next(
		(p for p in ("/usr/sbin/mariadbd", "/usr/sbin/mysqld") if os.access(p, os.X_OK)), None
	)


def client(host: str, port: int, sql: str | None = None, *args: str, check: bool = True, **kwargs):
	"""Run the mariadb client as root (the bench's database administrator, no password)."""
	return subprocess.run(
		[
			"mariadb",
			"-uroot",
			f"-h{host}",
			f"-P{port}",
			"--protocol=tcp",
			"-N",
			"-B",
			*args,
			*(["-e", sql] if sql else []),
		],
		check=check,
		capture_output=True,
		text=True,
		**kwargs,
	)


def query(host: str, port: int, sql: str) -> list[list[str]]:
	out = client(host, port, sql).stdout
	return [line.split("\t") for line in out.splitlines()]


def answers(host: str, port: int) -> bool:
	return client(host, port, "SELECT 1", "--connect-timeout=2", check=False).returncode == 0


@dataclass
class Server:
	datadir: Path
	port: int
	server_id: int
	log_bin: bool = False
	read_only: bool = False
	buffer_pool_mb: int = 256
	extra: tuple[str, ...] = ()
	process: subprocess.Popen | None = field(default=None, repr=False, compare=False)

	@property
	def conf(self) -> Path:
		return self.datadir.parent / f"{self.datadir.name}.cnf"

	@property
	def socket(self) -> Path:
		return self.datadir.parent / f"{self.datadir.name}.sock"

	@property
	def log(self) -> Path:
		return self.datadir.parent / f"{self.datadir.name}.err"

	@property
	def pid_file(self) -> Path:
		return self.datadir.parent / f"{self.datadir.name}.pid"

	def write_conf(self) -> None:
		lines = [
			"[mariadbd]",
			f"datadir = {self.datadir}",
			f"port = {self.port}",
			"bind-address = 127.0.0.1",
			f"socket = {self.socket}",
			f"pid-file = {self.pid_file}",
			f"log-error = {self.log}",
			"user = root" if os.geteuid() == 0 else "",
			f"server-id = {self.server_id}",
			"character-set-server = utf8mb4",
			"collation-server = utf8mb4_unicode_ci",
			f"innodb-buffer-pool-size = {self.buffer_pool_mb}M",
			"innodb-flush-log-at-trx-commit = 2",
			"skip-name-resolve",
			"max-connections = 500",
		]
		if self.log_bin:
			lines += [
				f"log-bin = {self.datadir.parent / (self.datadir.name + '-bin')}",
				"binlog-format = ROW",
			]
		if self.read_only:
			lines += ["read-only = ON", "skip-slave-start = OFF"]
		lines += list(self.extra)
		self.conf.write_text("\n".join(line for line in lines if line) + "\n")

	def initialise(self) -> None:
		self.datadir.parent.mkdir(parents=True, exist_ok=True)
		self.write_conf()
		subprocess.run(
			[
				"mariadb-install-db",
				f"--defaults-file={self.conf}",
				"--auth-root-authentication-method=normal",
				"--skip-test-db",
			],
			check=True,
			capture_output=True,
		)

	def start(self, timeout: float = 60) -> subprocess.Popen:
		binary = server_binary()
		if not binary:
			raise RuntimeError("MariaDB's server binary (mariadbd) is not installed")
		self.write_conf()
		process = subprocess.Popen(
			[binary, f"--defaults-file={self.conf}"],
			stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL,
			start_new_session=True,
		)
		deadline = time.monotonic() + timeout
		while not answers("127.0.0.1", self.port):
			if process.poll() is not None or time.monotonic() > deadline:
				raise RuntimeError(f"MariaDB on port {self.port} did not start; see {self.log}")
			time.sleep(0.2)
		self.process = process
		return process

	def pid(self) -> int | None:
		try:
			return int(self.pid_file.read_text().strip())
		except (OSError, ValueError):
			return None

	def stop(self, timeout: float = 60) -> None:
		"""A clean shutdown; returns once the server has exited."""
		pid = self.pid()
		client("127.0.0.1", self.port, "SHUTDOWN", check=False)
		if self.process is not None:  # started here: wait for our child
			try:
				self.process.wait(timeout=timeout)
			except subprocess.TimeoutExpired:
				self.process.kill()
				self.process.wait()
			self.process = None
			return
		deadline = time.monotonic() + timeout
		while pid and time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
			time.sleep(0.2)

	def sql(self, statement: str, *args: str):
		return client("127.0.0.1", self.port, statement, *args)
