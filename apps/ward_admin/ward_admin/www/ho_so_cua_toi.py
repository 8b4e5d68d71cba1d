"""/ho-so-cua-toi: a logged-in citizen's own dossiers (those they filed online): the state in
Vietnamese, the dates, what is missing; a supplement request says what to send and takes the
uploads (`ward_admin.api.portal.supplement`). A guest is sent to log in first."""

from urllib.parse import urlencode

import frappe
from frappe import _

from ward_admin.portal import lookup, payment
from ward_admin.portal import result as results
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

	own = {
		row.name: row
		for row in frappe.get_all(
			"Dossier",
			filters={"portal_user": frappe.session.user},
			fields=["name", "lookup_secret", "supplement_request", "result_file", "result_token"],
		)
	}
	documents: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Dossier Document",
		filters={"parenttype": "Dossier", "parent": ("in", list(own) or [""])},
		fields=["parent", "document_name"],
		order_by="idx",
	):
		if row.document_name not in documents.setdefault(row.parent, []):
			documents[row.parent].append(row.document_name)
	for view in my_dossiers():
		context.dossiers.append(
			frappe._dict(
				view,
				secret=own[view["dossier"]].lookup_secret,
				# what the officer asks for when the dossier waits for a supplement (code 5)
				supplement_request=own[view["dossier"]].supplement_request
				if view["status_code"] == 5
				else "",
				documents=documents.get(view["dossier"], []),
				# the digitised result, once resolved or returned (ward_admin.portal.result)
				result_available=bool(own[view["dossier"]].result_file and own[view["dossier"]].result_token)
				and view["status_code"] in results.RESULT_CODES,
				received=lookup.vn_datetime(view["received_at"]),
				appointment=lookup.vn_datetime(view["appointment_at"]),
				returned=lookup.vn_datetime(view["returned_at"]),
				# the e-receipts issued for its fee, and the way to pay while the fee is awaited (code 6)
				receipts=payment.issued_receipts(view["dossier"]),
				pay_link=f"{payment.PAGE}?{urlencode({'ho-so': view['dossier'], 'bi-mat': own[view['dossier']].lookup_secret})}"
				if view["status_code"] == 6
				else "",
			)
		)
	return context
