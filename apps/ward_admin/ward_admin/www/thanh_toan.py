"""/thanh-toan: pay a dossier's fee online (`ward_admin.portal.payment`). Guest. Opened from form
01 (the code; the slip's secret is asked for), with the code and secret, or back from the gateway
(`?ho-so=<code>&ve=<token>`), where it shows the receipt."""

import frappe
from frappe import _

from ward_admin.portal import lookup, payment

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.lang = "vi"
	context.no_cache = 1
	context.title = _("Pay fees online")
	form = frappe.form_dict
	context.code = str(form.get("ho-so") or "").strip()[: lookup.MAX_CODE_LENGTH]
	context.secret = str(form.get("bi-mat") or "").strip()[:16]
	token = str(form.get("ve") or "").strip()[:64]
	context.payment = None
	context.not_found = False
	if context.code and (context.secret or token):
		lookup.throttle()
		row = payment.find(context.code, context.secret, token)
		if row:
			context.payment = payment.payment_of(row)
		else:
			context.not_found = True
			context.http_status_code = 404
	return context
