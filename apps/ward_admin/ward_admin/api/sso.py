"""Citizens' single sign-on (the rules: `ward_admin.portal.sso`): the two addresses a browser visits.

	GET /api/method/ward_admin.api.sso.login?provider=<key>&redirect_to=<path>     (guest)
	GET /api/method/ward_admin.api.sso.callback/<key>?code=…&state=…              (guest)

`login` sends the browser to the provider; `callback` (the Social Login Key's Redirect URL) signs
the citizen in and sends them on (302), or answers a Vietnamese page with the refusal's status
(417 the provider's answer, 403 the account, 404 the provider, 502 the provider did not answer),
having written nothing. Both are rate-limited per address, as the portal's lookup.
"""

import frappe
from frappe import _
from frappe.utils import escape_html

from ward_admin.portal import lookup as lookups
from ward_admin.portal import sso

CALLS_PER_MINUTE = 20  # per address; the counters outlive a cache clear (hooks.py persistent_cache_keys)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def login(provider: str | None = None, redirect_to: str | None = None) -> None:
	"""Starts the sign-in at the provider (302)."""
	frappe.local.lang = "vi"  # a citizen's page, in Vietnamese as the portal's
	lookups.throttle("sso-login", CALLS_PER_MINUTE)
	try:
		location = sso.authorize_url(provider, redirect_to)
	except sso.REFUSALS as e:
		return refuse(e)
	redirect(location)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def callback(code: str | None = None, state: str | None = None, error: str | None = None) -> None:
	"""The provider's answer: the citizen signed in (302), or a page saying why not."""
	frappe.local.lang = "vi"
	lookups.throttle("sso-callback", CALLS_PER_MINUTE)
	# /api/method/ward_admin.api.sso.callback/<key>, as Frappe's callback of custom providers
	parts = frappe.request.path.strip("/").split("/")
	provider = parts[3] if len(parts) == 4 else None
	try:
		location = sso.finish(provider, code, state, error)
	except sso.REFUSALS as e:
		return refuse(e)
	# a GET that writes: the account (made or completed) and the session are committed with it
	frappe.local.flags.commit = True
	redirect(location)


def redirect(location: str) -> None:
	frappe.local.response["type"] = "redirect"
	frappe.local.response["location"] = location


def refuse(e: Exception) -> None:
	"""Nothing the sign-in wrote stays; the citizen reads why, in a page rather than JSON, under the
	refusal's own title."""
	frappe.db.rollback()
	thrown = [m for m in frappe.local.message_log if isinstance(m, dict) and m.get("title")]
	frappe.local.message_log = []
	frappe.respond_as_web_page(
		thrown[-1]["title"] if thrown else _("Could Not Sign In"),
		escape_html(str(e)),
		http_status_code=getattr(e, "http_status_code", 417),
		primary_action="/login",
		primary_label=_("Back to the login page"),
	)
