"""The WSGI application to serve: Frappe's, behind a check of which proxies to believe.

Frappe takes the client's address from the first entry of `X-Forwarded-For`, which the client
writes itself: failed-login lock-outs by address, per-address rate limits and users' IP
restrictions then count against whatever address the client chose. This wrapper rewrites the
header before Frappe reads it, to the one address `ward_admin.services.forwarded` trusts, and
removes it when the connection does not come from a trusted proxy.

Serve it with `bench ward-serve` (development, what `./ward run` starts) or with gunicorn:
`gunicorn ward_admin.wsgi:application`. Trusted proxies: the environment variable
WARD_TRUSTED_PROXIES (comma-separated addresses or networks), by default the loopback addresses,
where bench's nginx runs (its configuration also overwrites the header with `$remote_addr`).
"""

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


def application(environ, start_response):
	believed_forwarded_for(environ)
	return frappe_application(environ, start_response)
