"""/ket-qua/<token>: the public check of a dossier's digitised result, opened from the QR code the
downloaded result carries (ward_admin.portal.result).

Guest. It shows only what the result proves: the dossier's code, the procedure, the unit, the
dates it was resolved and returned, and the SHA-256 of the file as the unit attached it; never the
applicant. A token is a random 32-character string; one address may ask `CHECKS_PER_MINUTE` times
a minute. In Vietnamese, as the result is.
"""

import frappe
from frappe import _

from ward_admin.portal import lookup
from ward_admin.portal import result as results

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.lang = "vi"
	lookup.throttle("result-check", results.CHECKS_PER_MINUTE)
	context.no_cache = 1
	context.title = _("Result Check")
	context.result = results.check(frappe.form_dict.token)
	context.found = bool(context.result)
	if not context.found:
		context.http_status_code = 404
	return context
