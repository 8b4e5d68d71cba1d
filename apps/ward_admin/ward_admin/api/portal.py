"""Citizens online (docs/contract.md, "Citizens online"): the methods of the portal's pages.

	GET  /api/method/ward_admin.api.portal.lookup       code, secret            (guest)
	POST /api/method/ward_admin.api.portal.submit       the applicant, documents (Citizen)
	GET  /api/method/ward_admin.api.portal.my_dossiers                          (Citizen)
	POST /api/method/ward_admin.api.portal.supplement   code, documents         (Citizen)
	POST /api/method/ward_admin.api.portal.rate         code, secret, rating, comment (guest)
	GET  /api/method/ward_admin.api.portal.result       code: the result as a PDF  (Citizen)

The rules live in `ward_admin.portal` (lookup, filing). A citizen has no right on Dossier in the
desk's sense: these methods are the only way in, and each reads only the caller's own dossiers or
the one whose code and secret the caller holds.
"""

import frappe
from frappe import _
from frappe.utils import cint

from ward_admin.portal import filing
from ward_admin.portal import lookup as lookups
from ward_admin.portal import result as results
from ward_admin.portal.setup import is_citizen

RATINGS_PER_MINUTE = 10
MAX_COMMENT_LENGTH = 1000
MY_DOSSIERS_LIMIT = 200


class NotACitizenError(frappe.PermissionError):
	"""A portal method for citizens called by someone without the Citizen role."""


def only_citizens() -> None:
	if not is_citizen():
		frappe.throw(
			_("Log in with a citizen's account to use this function"),
			exc=NotACitizenError,
			title=_("Not Permitted"),
		)


@frappe.whitelist(allow_guest=True, methods=["GET"])
def lookup(code: str | None = None, secret: str | None = None) -> dict:
	"""The state of a dossier by its code and secret, without personal data; 404 alike for an
	unknown code and a wrong secret; 429 after 20 calls a minute from one address."""
	lookups.throttle()
	return lookups.public_view(lookups.find_or_404(code, secret))


@frappe.whitelist(methods=["POST"])
def submit(
	administrative_unit: str,
	procedure: str,
	applicant_name: str,
	applicant_id_number: str,
	applicant_phone: str | None = None,
	applicant_email: str | None = None,
	applicant_address: str | None = None,
	documents: str | list | None = None,
) -> dict:
	"""Files a dossier online as the caller: {dossier, secret}."""
	only_citizens()
	return filing.submit(
		administrative_unit,
		procedure,
		applicant_name,
		applicant_id_number,
		applicant_phone,
		applicant_email,
		applicant_address,
		documents,
	)


@frappe.whitelist(methods=["POST"])
def supplement(code: str | None = None, documents: str | list | None = None) -> dict:
	"""The documents a supplement request asks for, to the caller's own dossier awaiting them."""
	only_citizens()
	return filing.supplement(code, documents)


@frappe.whitelist(methods=["GET"])
def my_dossiers() -> list[dict]:
	"""The caller's own dossiers, newest first, with the lookup's fields."""
	only_citizens()
	rows = frappe.get_all(
		"Dossier",
		filters={"portal_user": frappe.session.user},
		fields=list(lookups.FIELDS),
		order_by="creation desc",
		limit=MY_DOSSIERS_LIMIT,
	)
	return [lookups.public_view(row) for row in rows]


@frappe.whitelist(methods=["GET"])
def result(code: str | None = None) -> None:
	"""The caller's own digitised result, once resolved, as a PDF with the QR code of its check."""
	only_citizens()
	filename, content = results.download(code)
	frappe.local.response.filename = filename
	frappe.local.response.filecontent = content
	frappe.local.response.type = "download"


@frappe.whitelist(allow_guest=True, methods=["POST"])
def rate(
	code: str | None = None,
	secret: str | None = None,
	rating: str | int | None = None,
	comment: str | None = None,
) -> str:
	"""The citizen's rating (1-5) of a returned dossier, once: the Citizen Rating's name."""
	lookups.throttle("rate", RATINGS_PER_MINUTE)
	row = lookups.find_or_404(code, secret)
	from ward_admin.emulation.doctype.citizen_rating.citizen_rating import InvalidRatingError

	if isinstance(rating, bool) or str(rating).strip() not in {"1", "2", "3", "4", "5"}:
		frappe.throw(
			_("A rating is a whole number from 1 to 5"), exc=InvalidRatingError, title=_("Invalid Rating")
		)
	if comment is not None and not isinstance(comment, str):
		frappe.throw(_("The comment must be text"), exc=InvalidRatingError, title=_("Invalid Rating"))
	comment = (comment or "").strip()
	if len(comment) > MAX_COMMENT_LENGTH:
		frappe.throw(
			_("A comment has at most {0} characters").format(MAX_COMMENT_LENGTH),
			exc=InvalidRatingError,
			title=_("Invalid Rating"),
		)
	doc = frappe.get_doc(
		{
			"doctype": "Citizen Rating",
			"dossier": row.name,
			"rating": cint(rating),
			"comment": comment,
			"channel": "Portal",
		}
	)
	# a guest or citizen holds no right on Citizen Rating: the code and secret are the key
	doc.insert(ignore_permissions=True)
	return doc.name
