"""/tra-cuu: the public lookup of a dossier by its code and secret (the QR code of form 01 opens
it with both in the address: `?ho-so=<code>&bi-mat=<secret>`). Guest; no personal data; an
unknown code and a wrong secret answer alike (404); the same limit per address as the API
(`ward_admin.portal.lookup`)."""

import frappe
from frappe import _

from ward_admin.portal import lookup

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.lang = "vi"
	context.no_cache = 1
	context.title = _("Look up a dossier")
	form = frappe.form_dict
	context.code = (form.get("ho-so") or form.get("code") or "").strip()[: lookup.MAX_CODE_LENGTH]
	context.secret = (form.get("bi-mat") or form.get("secret") or "").strip()[:16]
	context.result = None
	context.not_found = False
	if context.code or context.secret:
		lookup.throttle()
		row = lookup.find(context.code, context.secret)
		if row:
			view = lookup.public_view(row)
			context.result = frappe._dict(
				view,
				received=lookup.vn_datetime(view["received_at"]),
				appointment=lookup.vn_datetime(view["appointment_at"]),
				returned=lookup.vn_datetime(view["returned_at"]),
			)
			if view["status_code"] == 10:
				from urllib.parse import urlencode

				context.rate_link = "/danh-gia?" + urlencode({"ho-so": row.name, "bi-mat": row.lookup_secret})
		else:
			context.not_found = True
			context.http_status_code = 404
	return context
