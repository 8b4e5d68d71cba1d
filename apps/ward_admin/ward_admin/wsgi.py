"""The WSGI application to serve: Frappe's, behind a check of which proxies to believe.

Frappe takes the client's address from the first entry of `X-Forwarded-For`, which the client
writes itself: failed-login lock-outs by address, per-address rate limits and users' IP
restrictions then count against whatever address the client chose. This wrapper rewrites the
header before Frappe reads it, to the one address `ward_admin.services.forwarded` trusts, and
removes it when the connection does not come from a trusted proxy.

While the database (or Redis) does not answer, Frappe's request fails in its own error handler
and gunicorn answers a bare 500. This wrapper answers 503 with Retry-After and a message in
Vietnamese and English instead (JSON for API calls, a page otherwise): the request can be retried,
nothing was written, and each request connects anew, so the server recovers by itself once the
database is back (tests/operations/test_faults.py).

Serve it with `bench ward-serve` (development, what `./ward run` starts) or with gunicorn:
`gunicorn ward_admin.wsgi:application`. Trusted proxies: the environment variable
WARD_TRUSTED_PROXIES (comma-separated addresses or networks), by default the loopback addresses,
where bench's nginx runs (its configuration also overwrites the header with `$remote_addr`).
"""

import json
import os

from frappe.app import application as frappe_application

from ward_admin import framework
from ward_admin.services.forwarded import DEFAULT_TRUSTED_PROXIES, client_address, parse_networks

# the app's wrappers of Frappe, in place before the first request (a locked-out login is answered
# before Frappe runs the `before_request` hooks that install them otherwise)
framework.install()

TRUSTED_PROXIES = parse_networks(
	os.environ.get("WARD_TRUSTED_PROXIES", ",".join(DEFAULT_TRUSTED_PROXIES)).split(",")
)


def believed_forwarded_for(environ: dict) -> None:
	client = client_address(environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR"), TRUSTED_PROXIES)
	if client and client != environ.get("REMOTE_ADDR"):
		environ["HTTP_X_FORWARDED_FOR"] = client
	else:
		environ.pop("HTTP_X_FORWARDED_FOR", None)


# MariaDB client errors that mean "no server": can't connect (2002, 2003), gone away (2006),
# lost during a query (2013), shutting down (1053), connection killed (1927)
UNAVAILABLE_CODES = {1053, 1927, 2002, 2003, 2006, 2013}
RETRY_AFTER_SECONDS = 10
UNAVAILABLE_MESSAGE = (
	"Hệ thống tạm thời gián đoạn: cơ sở dữ liệu chưa trả lời, không có gì được ghi. Xin thử lại sau ít phút. "
	"(Service temporarily unavailable: the database is not answering and nothing was saved; "
	"please try again in a moment.)"
)


def service_unavailable(error: BaseException) -> bool:
	"""Whether `error` (or what caused it) says the database or Redis is not there."""
	import pymysql
	import redis

	seen = set()
	while error is not None and id(error) not in seen:
		seen.add(id(error))
		if isinstance(error, pymysql.err.OperationalError | pymysql.err.InterfaceError):
			code = error.args[0] if error.args else None
			if isinstance(error, pymysql.err.InterfaceError) or code in UNAVAILABLE_CODES:
				return True
		if isinstance(error, redis.exceptions.ConnectionError | redis.exceptions.TimeoutError):
			return True
		error = error.__cause__ or error.__context__
	return False


def unavailable_response(environ, start_response):
	accept = environ.get("HTTP_ACCEPT", "")
	if environ.get("PATH_INFO", "").startswith("/api/") or "json" in accept:
		body = json.dumps(
			{"exc_type": "ServiceUnavailable", "message": UNAVAILABLE_MESSAGE}, ensure_ascii=False
		)
		content_type = "application/json; charset=utf-8"
	else:
		body = (
			f"<!doctype html><html lang=vi><meta charset=utf-8><title>503</title><p>{UNAVAILABLE_MESSAGE}</p>"
		)
		content_type = "text/html; charset=utf-8"
	data = body.encode()
	start_response(
		"503 Service Unavailable",
		[
			("Content-Type", content_type),
			("Content-Length", str(len(data))),
			("Retry-After", str(RETRY_AFTER_SECONDS)),
			("Cache-Control", "no-store"),
		],
	)
	return [data]


def application(environ, start_response):
	believed_forwarded_for(environ)
	try:
		return frappe_application(environ, start_response)
	except Exception as e:
		if not service_unavailable(e):
			raise
		import frappe

		try:
			frappe.destroy()
		except Exception:
			pass
		return unavailable_response(environ, start_response)
