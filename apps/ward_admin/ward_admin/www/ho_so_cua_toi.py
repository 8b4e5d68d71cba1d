"""/ho-so-cua-toi: a logged-in citizen's own dossiers (those they filed online): the state in
Vietnamese, the dates, what is missing, the fee to pay. A guest is sent to log in first."""

import frappe
from frappe import _

from ward_admin.portal import lookup
from ward_admin.portal.setup import is_citizen

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.lang = "vi"
	context.no_cache = 1
	context.title = _("My dossiers")
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?redirect-to=/ho-so-cua-toi"
		raise frappe.Redirect
	context.citizen = is_citizen()
	context.dossiers = []
	if not context.citizen:
		return context
	from ward_admin.api.portal import my_dossiers

	secrets = dict(
		frappe.get_all(
			"Dossier",
			filters={"portal_user": frappe.session.user},
			fields=["name", "lookup_secret"],
			as_list=True,
		)
	)
	for view in my_dossiers():
		context.dossiers.append(
			frappe._dict(
				view,
				secret=secrets.get(view["dossier"]),
				received=lookup.vn_datetime(view["received_at"]),
				appointment=lookup.vn_datetime(view["appointment_at"]),
				returned=lookup.vn_datetime(view["returned_at"]),
			)
		)
	return context
