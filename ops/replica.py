"""`./ward replica [start|stop|status] [SITE …]`: a read replica of the bench's database server.

start (the default): a MariaDB server of its own on this machine (data directory REPLICA_DIR,
default .ward/replica; port REPLICA_PORT, default 3307) replicating the sites' databases from
their primary with GTIDs, set up from a consistent snapshot (`mariadb-dump --single-transaction
--master-data`, whose binary log position BINLOG_GTID_POS turns into the GTID position: the data
and the position of one instant); it runs `read_only` and
the sites' users may only read on it. Then each site's configuration gets `read_from_replica`,
`replica_host` and `replica_db_port`: Frappe runs its `read_only` calls there (report runs,
list rows and counts), every write stays on the primary. Started again with the same sites it
only starts what is stopped; with other sites (or --rebuild) it is set up again from a new
snapshot.
stop: the sites read from the primary again, and the replica server stops.
status: the replication threads, the lag and the last error.

The primary must write a binary log (log_bin, a server_id, binlog_format ROW or MIXED): a setting
that takes a restart of the primary, so this refuses and says what to set where it is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from mariadb import Server, answers, query

BENCH_ROOT = Path(__file__).resolve().parent.parent
SITES = BENCH_ROOT / "sites"
REPLICATION_USER = "ward_replication"


def replica_dir() -> Path:
	return Path(os.environ.get("REPLICA_DIR") or BENCH_ROOT / ".ward" / "replica").resolve()


def replica_port() -> int:
	return int(os.environ.get("REPLICA_PORT") or 3307)


def site_conf(site: str) -> dict:
	common = json.loads((SITES / "common_site_config.json").read_text())
	return {**common, **json.loads((SITES / site / "site_config.json").read_text())}


def all_sites() -> list[str]:
	return sorted(p.parent.name for p in SITES.glob("*/site_config.json"))


def primary_of(sites: list[str]) -> tuple[str, int]:
	found = {
		(site_conf(s).get("db_host") or "127.0.0.1", int(site_conf(s).get("db_port") or 3306)) for s in sites
	}
	if len(found) != 1:
		sys.exit(f"The sites live on different database servers ({sorted(found)}): name the sites of one")
	return found.pop()


def check_primary(host: str, port: int) -> int:
	"""The primary's server_id; exits with what to set when it cannot be replicated."""
	if not answers(host, port):
		sys.exit(f"The primary {host}:{port} does not answer")
	log_bin, server_id, binlog_format = query(host, port, "SELECT @@log_bin, @@server_id, @@binlog_format")[0]
	if log_bin != "1" or binlog_format == "STATEMENT":
		sys.exit(
			f"The primary {host}:{port} writes no binary log (log_bin={log_bin}, binlog_format={binlog_format}).\n"
			"Set, in its configuration (e.g. /etc/mysql/mariadb.conf.d/97-replication.cnf):\n"
			"  [mariadbd]\n  log-bin = mariadb-bin\n  server-id = 1\n  binlog-format = ROW\n"
			"then restart it (log_bin is not dynamic) and run ./ward replica again."
		)
	return int(server_id)


def point_sites(sites: list[str], port: int | None) -> None:
	"""`read_from_replica` on (port given) or off for each site."""
	for site in sites:
		path = SITES / site / "site_config.json"
		conf = json.loads(path.read_text())
		if port:
			conf.update(read_from_replica=1, replica_host="127.0.0.1", replica_db_port=port)
		else:
			for key in ("read_from_replica", "replica_host", "replica_db_port"):
				conf.pop(key, None)
		path.write_text(json.dumps(conf, indent=1, sort_keys=True))


def server_for(databases: list[str], primary_id: int) -> Server:
	port = replica_port()
	server_id = port if port != primary_id else port + 1
	return Server(
		datadir=replica_dir() / "data",
		port=port,
		server_id=server_id,
		read_only=True,
		buffer_pool_mb=int(os.environ.get("REPLICA_BUFFER_POOL_MB") or 512),
		extra=(
			f"relay-log = {replica_dir() / 'relay-bin'}",
			"slave-parallel-threads = 2",
			*(f"replicate-wild-do-table = {db}.%" for db in databases),
		),
	)


def snapshot(primary: tuple[str, int], server: Server, databases: list[str]) -> str:
	"""Copy the databases as of one consistent read of the primary; returns the GTID position of
	that read. mariadb-dump takes the binary log file and position of its snapshot with the data
	(--single-transaction --master-data); its --gtid option reads @@gtid_binlog_pos separately,
	after the snapshot, and a transaction committed in between would be both in the copy and
	replayed. BINLOG_GTID_POS turns the snapshot's file and position into its GTID position."""
	host, port = primary
	dump_file = replica_dir() / "snapshot.sql"
	with open(dump_file, "w") as out:
		dump = subprocess.run(
			[
				"mariadb-dump",
				"-uroot",
				f"-h{host}",
				f"-P{port}",
				"--protocol=tcp",
				"--single-transaction",
				"--master-data=2",
				"--routines",
				"--triggers",
				"--databases",
				*databases,
			],
			stdout=out,
			stderr=subprocess.PIPE,
			text=True,
		)
	if dump.returncode != 0:
		sys.exit(f"The snapshot could not be taken: {dump.stderr[-500:]}")
	with open(dump_file) as dumped:
		head = "".join(next(dumped, "") for _ in range(60))
	found = re.search(r"MASTER_LOG_FILE='([^']+)',\s*MASTER_LOG_POS=(\d+)", head)
	if not found:
		sys.exit("The snapshot carries no binary log position: does the primary write a binary log?")
	gtid = query(host, port, f"SELECT BINLOG_GTID_POS('{found.group(1)}', {int(found.group(2))})")[0][0]
	with open(dump_file) as dumped:
		load = subprocess.run(
			["mariadb", "-uroot", "-h127.0.0.1", f"-P{server.port}", "--protocol=tcp"],
			stdin=dumped,
			capture_output=True,
			text=True,
		)
	dump_file.unlink()
	if load.returncode != 0:
		sys.exit(f"The snapshot could not be loaded: {load.stderr[-500:]}")
	return "" if gtid == "NULL" else gtid


def start(sites: list[str], rebuild: bool = False) -> Server:
	primary = primary_of(sites)
	primary_id = check_primary(*primary)
	confs = {site: site_conf(site) for site in sites}
	databases = sorted({c["db_name"] for c in confs.values()})
	server = server_for(databases, primary_id)
	state_file = replica_dir() / "replica.json"
	state = {"primary": list(primary), "databases": databases, "port": server.port}
	current = json.loads(state_file.read_text()) if state_file.exists() else None
	if current == state and not rebuild and (server.datadir / "mysql").exists():
		if not answers("127.0.0.1", server.port):
			server.start()
		server.sql("START SLAVE")
		wait_running(server)
		point_sites(sites, server.port)
		return server

	if answers("127.0.0.1", server.port):
		server.stop()
	shutil.rmtree(replica_dir(), ignore_errors=True)
	replica_dir().mkdir(parents=True)
	server.initialise()
	server.start()
	password = secrets.token_urlsafe(24)
	host, port = primary
	query(
		host,
		port,
		f"CREATE USER IF NOT EXISTS '{REPLICATION_USER}'@'%' IDENTIFIED BY '{password}';"
		f"ALTER USER '{REPLICATION_USER}'@'%' IDENTIFIED BY '{password}';"
		f"GRANT REPLICATION SLAVE ON *.* TO '{REPLICATION_USER}'@'%'",
	)
	position = snapshot(primary, server, databases)
	server.sql(f"SET GLOBAL gtid_slave_pos = '{position}'")
	for conf in confs.values():
		user, db = conf.get("db_user") or conf["db_name"], conf["db_name"]
		# the sites' users read, nothing else (read_only would stop them anyway)
		server.sql(
			f"CREATE USER IF NOT EXISTS '{user}'@'%' IDENTIFIED BY '{conf['db_password']}';"
			f"GRANT SELECT, SHOW VIEW, CREATE TEMPORARY TABLES, LOCK TABLES, EXECUTE ON `{db}`.* TO '{user}'@'%'"
		)
	server.sql(
		f"CHANGE MASTER TO MASTER_HOST='{host}', MASTER_PORT={port}, MASTER_USER='{REPLICATION_USER}',"
		f" MASTER_PASSWORD='{password}', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=5; START SLAVE"
	)
	wait_running(server)
	state_file.write_text(json.dumps(state))
	point_sites(sites, server.port)
	return server


def slave_status(server: Server) -> dict:
	out = server.sql("SHOW SLAVE STATUS\\G", "--column-names").stdout
	status = {}
	for line in out.splitlines():
		key, _, value = line.strip().partition(": ")
		if key:
			status[key] = value
	return status


def wait_running(server: Server, timeout: float = 60) -> dict:
	deadline = time.monotonic() + timeout
	while True:
		status = slave_status(server)
		if status.get("Slave_IO_Running") == "Yes" and status.get("Slave_SQL_Running") == "Yes":
			return status
		if time.monotonic() > deadline:
			sys.exit(
				"Replication did not start: "
				+ (status.get("Last_IO_Error") or status.get("Last_SQL_Error") or "no status")
			)
		time.sleep(0.5)


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("action", nargs="?", default="start", choices=("start", "stop", "status"))
	parser.add_argument("sites", nargs="*", help="sites to point at the replica (default: all)")
	parser.add_argument("--rebuild", action="store_true", help="set the replica up again from a new snapshot")
	args = parser.parse_args(argv)
	sites = args.sites or all_sites()
	if not sites:
		sys.exit("The bench has no site")
	if args.action == "start":
		server = start(sites, args.rebuild)
		print(
			f"Replica on 127.0.0.1:{server.port} (data in {server.datadir}, log {server.log}), read-only, "
			f"replicating {', '.join(sites)}: their reports and list counts read from it."
		)
	elif args.action == "stop":
		point_sites(sites, None)
		server = server_for([], 0)
		server.stop()
		print(f"Replica on port {server.port} stopped; {', '.join(sites)} read from the primary.")
	else:
		server = server_for([], 0)
		if not answers("127.0.0.1", server.port):
			sys.exit(f"No replica answers on port {server.port}")
		status = slave_status(server)
		for key in (
			"Slave_IO_Running",
			"Slave_SQL_Running",
			"Seconds_Behind_Master",
			"Gtid_IO_Pos",
			"Last_IO_Error",
			"Last_SQL_Error",
		):
			print(f"{key}: {status.get(key, '')}")


if __name__ == "__main__":
	main()
