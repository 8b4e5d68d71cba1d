"""/nop-ho-so: online filing for a logged-in citizen (`ward_admin.api.portal.submit`).

`?thu-tuc=<procedure>` opens the procedure's own form: the applicant, one upload per required
document (PDF, JPEG or PNG, uploaded with Frappe's `upload_file` as private files), a declaration,
a summary before sending; the answer shows the dossier code and the lookup secret. A guest is
sent to log in first; a procedure that cannot be filed online is not offered.
"""

import frappe
from frappe import _

from ward_admin.portal import catalogue, filing
from ward_admin.portal.setup import is_citizen

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.lang = "vi"
	context.no_cache = 1
	context.title = _("File a dossier online")
	if frappe.session.user == "Guest":
		from urllib.parse import quote

		frappe.local.flags.redirect_location = "/login?redirect-to=" + quote(
			frappe.request.full_path or "/nop-ho-so"
		)
		raise frappe.Redirect
	context.citizen = is_citizen()
	context.procedures = [
		row for row in catalogue.procedures_in_force() if row.online_level in ("Full", "Partial")
	]
	context.units = catalogue.receiving_units()
	chosen = str(frappe.form_dict.get("thu-tuc") or "")
	context.procedure = None
	if chosen and chosen in {row.name for row in context.procedures}:
		context.procedure = catalogue.describe(frappe._dict(name=chosen))
	context.user_name = frappe.utils.get_fullname(frappe.session.user)
	context.user_email = frappe.session.user if "@" in frappe.session.user else ""
	context.max_size_mb = filing.MAX_FILE_SIZE // (1024 * 1024)
	context.max_files = filing.MAX_FILES
	return context
