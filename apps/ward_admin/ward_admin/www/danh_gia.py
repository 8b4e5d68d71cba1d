"""/danh-gia: the citizen's rating (1-5 and a comment) of a dossier whose result was returned,
once per dossier (`ward_admin.api.portal.rate`). Opened with the dossier's code and secret in the
address, from the lookup or from the citizen's own dossiers."""

import frappe
from frappe import _

from ward_admin.portal import lookup
from ward_admin.services import dossier_states as codes

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.lang = "vi"
	context.no_cache = 1
	context.title = _("Rate the service")
	form = frappe.form_dict
	context.code = str(form.get("ho-so") or "").strip()[: lookup.MAX_CODE_LENGTH]
	context.secret = str(form.get("bi-mat") or "").strip()[:16]
	context.found = False
	if context.code or context.secret:
		lookup.throttle()
		row = lookup.find(context.code, context.secret)
		if not row:
			context.http_status_code = 404
			return context
		context.found = True
		context.procedure_name = lookup.public_view(row)["procedure_name"]
		context.returned = int(row.status_code or 0) == codes.RETURNED
		context.rated = bool(frappe.db.exists("Citizen Rating", {"dossier": row.name}))
	return context
