"""`./ward serve`: the bench's sites served for an office, as Frappe runs in production.

The pieces, each a program of one supervisord (restarted when it dies, logs under logs/):

- nginx on WEB_PORT: the desk's static assets from sites/assets, /socket.io to the realtime
  server, everything else to gunicorn (what `bench setup nginx` writes for a production bench);
- gunicorn on 127.0.0.1:GUNICORN_PORT with the app's WSGI application (`ward_admin.wsgi`, which
  believes X-Forwarded-For only from trusted proxies: nginx runs on loopback), workers and
  threads sized from the machine's cores and memory (`size`);
- RQ workers for the default, short and long queues, the scheduler, and socketio.

Ctrl-C (or SIGTERM) stops supervisord, which stops every program and waits for it.

Run from the bench root with the bench's Python: `env/bin/python ops/serve.py` (./ward does);
`--print` prints the configuration without writing or starting anything, `--write-only` writes
it without starting anything.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

BENCH_ROOT = Path(__file__).resolve().parent.parent

# What one gunicorn worker of this app holds once warm (frappe, erpnext and ward_admin imported,
# caches filled): measured ~230 MB resident; counted with room to grow.
WORKER_MB = 300
# The rest of a one-machine office: MariaDB's buffer pool is sized by ./ward on its own; Redis,
# node, the RQ workers and the scheduler take ~1 GB together.
RESERVED_MB = 1024


@dataclass(frozen=True)
class Size:
	workers: int
	threads: int
	rq_workers: int


def size(cores: int, available_mb: int) -> Size:
	"""gunicorn workers and threads, and RQ workers per queue, for a machine.

	Workers: gunicorn's rule of thumb 2 x cores + 1 (a request spends part of its time waiting for
	MariaDB, so a core serves more than one worker), at most what the memory holds at WORKER_MB
	each after RESERVED_MB; at least 2, so one slow request never blocks the office. Threads: 4 per
	worker (gthread), which lets a worker wait on the database for one request while running
	another; the GIL makes more threads than that add latency, not throughput (bench_load.py).
	RQ workers: one per queue up to 4 cores, then one more per 4 cores."""
	cores = max(1, cores)
	by_memory = max(0, (available_mb - RESERVED_MB) // WORKER_MB)
	workers = max(2, min(2 * cores + 1, by_memory))
	return Size(workers=workers, threads=4, rq_workers=max(1, cores // 4))


def machine() -> tuple[int, int]:
	"""(cores this process may use, MB of memory available)."""
	cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
	available_mb = 0
	try:
		for line in Path("/proc/meminfo").read_text().splitlines():
			if line.startswith("MemAvailable:"):
				available_mb = int(line.split()[1]) // 1024
	except OSError:
		available_mb = 4096
	return cores, available_mb


def env_int(name: str, default: int) -> int:
	value = os.environ.get(name, "")
	return int(value) if value.strip() else default


@dataclass(frozen=True)
class Ports:
	web: int
	gunicorn: int
	socketio: int


def ports() -> Ports:
	web = env_int("WEB_PORT", 8000)
	return Ports(
		web=web,
		gunicorn=env_int("GUNICORN_PORT", web + 1),
		socketio=env_int("SOCKETIO_PORT", 9000),
	)


def nginx_binary() -> str | None:
	return shutil.which("nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx") or None


def default_site(root: Path) -> str:
	try:
		common = json.loads((root / "sites" / "common_site_config.json").read_text())
	except (OSError, ValueError):
		return ""
	return common.get("default_site", "") if common.get("serve_default_site", True) else ""


def nginx_conf(root: Path, run_dir: Path, logs: Path, port: Ports) -> str:
	"""The site is the Host's when a site of that name exists, else the bench's default site
	(a machine reached as localhost or by its address serves the demo, as `./ward run` does)."""
	sites = root / "sites"
	default = default_site(root)
	fallback = (
		f'\n\t\tif (!-f $document_root/$host/site_config.json) {{ set $site "{default}"; }}'
		if default
		else ""
	)
	return f"""# written by ./ward serve: nginx in front of gunicorn and socketio (bench's production layout)
worker_processes 1;
daemon off;
pid {run_dir}/nginx.pid;
error_log {logs}/nginx.error.log warn;
events {{ worker_connections 1024; }}
http {{
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	sendfile on;
	keepalive_timeout 65;
	client_max_body_size 50m;
	client_body_temp_path {run_dir}/nginx-body;
	proxy_temp_path {run_dir}/nginx-proxy;
	fastcgi_temp_path {run_dir}/nginx-fastcgi;
	uwsgi_temp_path {run_dir}/nginx-uwsgi;
	scgi_temp_path {run_dir}/nginx-scgi;
	gzip on;
	gzip_types text/css application/javascript application/json image/svg+xml;
	# no keepalive to gunicorn: a worker it recycles (--max-requests) closes idle connections, and a
	# request nginx sent on one of them came back as a 502
	upstream ward_gunicorn {{ server 127.0.0.1:{port.gunicorn} fail_timeout=0; }}
	upstream ward_socketio {{ server 127.0.0.1:{port.socketio} fail_timeout=0; }}
	server {{
		listen {port.web};
		root {sites};
		add_header X-Frame-Options "SAMEORIGIN";
		add_header X-Content-Type-Options nosniff;
		set $site $host;{fallback}
		location /assets {{
			try_files $uri =404;
			add_header Cache-Control "max-age=31536000";
		}}
		location /socket.io {{
			proxy_http_version 1.1;
			proxy_set_header Upgrade $http_upgrade;
			proxy_set_header Connection "upgrade";
			proxy_set_header Origin $scheme://$http_host;
			proxy_set_header Host $http_host;
			proxy_set_header X-Frappe-Site-Name $site;
			proxy_pass http://ward_socketio;
		}}
		location /files/ {{
			try_files /$site/public$uri @webserver;
		}}
		location / {{
			try_files /nonexistent @webserver;
		}}
		location @webserver {{
			proxy_set_header X-Forwarded-For $remote_addr;
			proxy_set_header X-Forwarded-Proto $scheme;
			proxy_set_header X-Frappe-Site-Name $site;
			proxy_set_header Host $http_host;
			proxy_read_timeout 120;
			proxy_redirect off;
			proxy_pass http://ward_gunicorn;
		}}
	}}
}}
"""


def supervisor_conf(
	root: Path, run_dir: Path, logs: Path, port: Ports, sized: Size, nginx: str | None
) -> str:
	env, sites = root / "env", root / "sites"
	frappe_cmd = f"{env}/bin/python -m frappe.utils.bench_helper frappe"
	programs = {
		"web": (
			f"{env}/bin/gunicorn --bind 127.0.0.1:{port.gunicorn} --workers {sized.workers}"
			f" --threads {sized.threads} --worker-class gthread --timeout 120 --graceful-timeout 30"
			" --max-requests 5000 --max-requests-jitter 500 --worker-tmp-dir /dev/shm"
			" --preload ward_admin.wsgi:application",
			sites,
			"",
		),
		"socketio": (
			f"{shutil.which('node') or 'node'} {root}/apps/frappe/socketio.js",
			root,
			f'FRAPPE_BENCH_ROOT="{root}",FRAPPE_SOCKETIO_PORT="{port.socketio}"',
		),
		"schedule": (f"{frappe_cmd} schedule", sites, ""),
	}
	for queue in ("default", "short", "long"):
		programs[f"worker-{queue}"] = (f"{frappe_cmd} worker --queue {queue}", sites, "")
	if nginx:
		programs["nginx"] = (f"{nginx} -p {run_dir} -c {run_dir}/nginx.conf", run_dir, "")
	lines = [
		"; written by ./ward serve (ops/serve.py); regenerated on every start",
		"[supervisord]",
		"nodaemon=true",
		*(["user=root"] if os.geteuid() == 0 else []),
		f"logfile={logs}/supervisord.log",
		f"pidfile={run_dir}/supervisord.pid",
		f"directory={root}",
		"",
		"[unix_http_server]",
		f"file={run_dir}/supervisor.sock",
		"",
		"[rpcinterface:supervisor]",
		"supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
		"",
		"[supervisorctl]",
		f"serverurl=unix://{run_dir}/supervisor.sock",
	]
	for name, (command, directory, environment) in programs.items():
		worker = name.startswith("worker-")
		lines += [
			"",
			f"[program:{name}]",
			f"command={command}",
			f"directory={directory}",
			*([f"environment={environment}"] if environment else []),
			*(
				[f"numprocs={sized.rq_workers}", "process_name=%(program_name)s-%(process_num)d"]
				if worker
				else []
			),
			"autostart=true",
			"autorestart=true",
			"startsecs=2",
			"startretries=1000",
			"stopasgroup=true",
			"killasgroup=true",
			# a worker finishes its job (RQ's warm shutdown), gunicorn its requests
			f"stopwaitsecs={360 if worker else 40}",
			f"stdout_logfile={logs}/{name.split('-')[0] if worker else name}.log",
			f"stderr_logfile={logs}/{name.split('-')[0] if worker else name}.error.log",
			"stdout_logfile_maxbytes=50MB",
			"stderr_logfile_maxbytes=50MB",
		]
	return "\n".join(lines) + "\n"


def write(root: Path = BENCH_ROOT, dry_run: bool = False) -> tuple[Path, Ports, Size, str]:
	cores, available_mb = machine()
	default = size(cores, available_mb)
	sized = Size(
		workers=env_int("WARD_GUNICORN_WORKERS", default.workers),
		threads=env_int("WARD_GUNICORN_THREADS", default.threads),
		rq_workers=env_int("WARD_RQ_WORKERS", default.rq_workers),
	)
	port = ports()
	# WARD_SERVE_DIR / WARD_SERVE_LOGS: another configuration and logs folder (the tests run a
	# second stack beside a running one)
	run_dir = Path(os.environ.get("WARD_SERVE_DIR") or root / "config" / "serve")
	logs = Path(os.environ.get("WARD_SERVE_LOGS") or root / "logs")
	nginx = nginx_binary()
	conf = run_dir / "supervisord.conf"
	text = supervisor_conf(root, run_dir, logs, port, sized, nginx)
	if dry_run:
		return conf, port, sized, text + ("\n" + nginx_conf(root, run_dir, logs, port) if nginx else "")
	running = run_dir / "supervisord.pid"
	if running.exists() and Path(f"/proc/{running.read_text().strip()}").exists():
		sys.exit(
			f"./ward serve is already running from {run_dir} (supervisord pid {running.read_text().strip()})"
		)
	run_dir.mkdir(parents=True, exist_ok=True)
	logs.mkdir(parents=True, exist_ok=True)
	if nginx:
		(run_dir / "nginx.conf").write_text(nginx_conf(root, run_dir, logs, port))
		(run_dir / "logs").mkdir(exist_ok=True)  # nginx opens its default error log before the conf's
	conf.write_text(text)
	return conf, port, sized, text


def sites(root: Path = BENCH_ROOT) -> list[str]:
	return sorted(p.parent.name for p in (root / "sites").glob("*/site_config.json"))


def main(argv: list[str] | None = None) -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--print", action="store_true", help="print the configuration only")
	parser.add_argument("--write-only", action="store_true", help="write the configuration only")
	args = parser.parse_args(argv)
	conf, port, sized, text = write(dry_run=args.print)
	if args.print or args.write_only:
		print(text)
		return
	if not nginx_binary():
		sys.exit("nginx is missing: ./ward serve installs it (apt-get install nginx)")
	common = json.loads((BENCH_ROOT / "sites" / "common_site_config.json").read_text())
	print(
		f"Serving {', '.join(sites())} at http://localhost:{port.web} (default site: "
		f"{common.get('default_site', '-')}): gunicorn {sized.workers} workers x {sized.threads} threads on "
		f"127.0.0.1:{port.gunicorn}, socketio on {port.socketio}, RQ workers default/short/long x "
		f"{sized.rq_workers}, scheduler, nginx. Logs in logs/. Ctrl-C stops everything.",
		flush=True,
	)
	supervisord = shutil.which(
		"supervisord", path=f"{BENCH_ROOT / 'env' / 'bin'}:{os.environ.get('PATH', '')}"
	)
	if not supervisord:
		sys.exit("supervisord is missing: ./ward serve installs it into the bench's env")
	os.execv(supervisord, [supervisord, "--nodaemon", "--configuration", str(conf)])


if __name__ == "__main__":
	main()
