"""Benchmark: the citizens' lookup (`ward_admin.api.portal.lookup`) beside Frappe's own
/api/method/ping, in the same run, with the same number of concurrent clients.

Run from the bench root with the bench's Python against a served site (`./ward serve`, the
production server), with a dossier's code and secret (or --site, to read the newest dossier's):

	WEB_PORT=8300 ./ward serve          # in another terminal
	env/bin/python benchmarks/bench_portal_lookup.py --url http://127.0.0.1:8300 \
		--host ward.localhost --code 000.00.01.H26-261206-0001 --secret ABCDEFGH

Each of --clients processes calls the route back to back for --duration seconds, first ping, then
the lookup. A lookup is limited to 20 a minute per address; the clients stand for many citizens,
so each lookup says it comes from another address (X-Forwarded-For, which Frappe reads as the
client's address): the limiter's count is part of what is timed, its refusal is not. Any answer
other than 200 is an error and is counted. The issue's bar: the lookup's throughput at least half
of ping's.
"""

from __future__ import annotations

import argparse
import multiprocessing
import time

from benchlib import ms, percentile


def client(args: tuple) -> tuple[list[float], int]:
	import requests

	url, host, path, params, duration, number = args
	session = requests.Session()
	session.headers["Accept"] = "application/json"
	if host:
		session.headers["Host"] = host
	latencies, errors, count = [], 0, 0
	end = time.monotonic() + duration
	while time.monotonic() < end:
		count += 1
		headers = {}
		if params:
			# another citizen's address each time (10.<client>.<n>), never refused by the limit
			headers["X-Forwarded-For"] = f"10.{number % 250}.{count // 250 % 250}.{count % 250 + 1}"
		started = time.monotonic()
		response = session.get(f"{url}{path}", params=params, headers=headers, timeout=60)
		latencies.append(time.monotonic() - started)
		if response.status_code != 200:
			errors += 1
	return latencies, errors


def run(
	name: str, url: str, host: str, path: str, params: dict | None, clients: int, duration: float
) -> dict:
	with multiprocessing.Pool(clients) as pool:
		started = time.monotonic()
		results = pool.map(client, [(url, host, path, params, duration, n) for n in range(clients)])
		elapsed = time.monotonic() - started
	latencies = [value for values, _errors in results for value in values]
	errors = sum(errors for _values, errors in results)
	throughput = len(latencies) / elapsed
	print(
		f"{name:8} {len(latencies):7d} requests  {throughput:8.1f} req/s  "
		f"p50 {ms(percentile(latencies, 0.5))}  p95 {ms(percentile(latencies, 0.95))}  errors {errors}"
	)
	return {"throughput": throughput, "errors": errors}


def newest_dossier(site: str) -> tuple[str, str]:
	import frappe
	from benchlib import connected

	with connected(site):
		row = frappe.get_all("Dossier", fields=["name", "lookup_secret"], order_by="creation desc", limit=1)
		if not row:
			raise SystemExit(f"{site} has no dossier to look up")
		return row[0].name, row[0].lookup_secret


def main() -> None:
	parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
	parser.add_argument("--url", default="http://127.0.0.1:8000")
	parser.add_argument("--host", default="", help="the site's name, when the server serves several")
	parser.add_argument("--site", help="read the newest dossier's code and secret from this site")
	parser.add_argument("--code")
	parser.add_argument("--secret")
	parser.add_argument("--clients", type=int, default=20)
	parser.add_argument("--duration", type=float, default=20)
	args = parser.parse_args()
	code, secret = (args.code, args.secret) if args.code else newest_dossier(args.site)
	print(f"{args.clients} clients, {args.duration:.0f} s per route, against {args.url}")
	ping = run("ping", args.url, args.host, "/api/method/ping", None, args.clients, args.duration)
	lookup = run(
		"lookup",
		args.url,
		args.host,
		"/api/method/ward_admin.api.portal.lookup",
		{"code": code, "secret": secret},
		args.clients,
		args.duration,
	)
	ratio = lookup["throughput"] / ping["throughput"] if ping["throughput"] else 0
	verdict = "meets" if ratio >= 0.5 and not lookup["errors"] else "misses"
	print(f"lookup / ping throughput: {ratio:.0%} ({verdict} the bar of 50%, no errors)")


if __name__ == "__main__":
	main()
