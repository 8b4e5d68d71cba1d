"""Reading a chip citizen ID card (CCCD) at the counter: the scanner types the card's QR code into
the form's "Scan ID Card" box; this turns it into the applicant's fields (docs/sources.md, "Citizens' data": the chip ID card's QR code).

The parsing is the pure `ward_admin.services.cccd_qr`; this module checks who may read a card
(whoever receives dossiers: the card carries personal data) and says in Vietnamese what is wrong.
"""

import frappe
from frappe import _

from ward_admin.services import cccd_qr


class InvalidCardScanError(frappe.ValidationError):
	"""A scan that is not a citizen ID card's QR code, or a cut-short or garbled one."""


MESSAGES = {
	"empty": "Nothing was scanned: scan the QR code on the back of the citizen ID card",
	"truncated": "The scan was cut short: scan the card's QR code again",
	"id_number": "The scanned personal ID number is not valid: check the card",
	"old_id_number": "The scanned old ID number is not valid: check the card",
	"name": "The scan has no name: scan the card's QR code again",
	"date_of_birth": "The scanned date of birth is not valid: check the card",
	"sex": "The scanned sex is neither Nam nor Nữ: scan the card's QR code again",
	"issue_date": "The scanned issue date is not valid: check the card",
	"digits": "The scanner typed digits of another script: set the scanner's keyboard to US and scan again",
}


@frappe.whitelist(methods=["POST"])
def read_card(text: str) -> dict:
	"""The applicant's fields from the text a scanner typed."""
	if not frappe.has_permission("Dossier", "create"):
		raise frappe.PermissionError
	try:
		card = cccd_qr.parse(text or "")
	except cccd_qr.CccdQrError as e:
		frappe.throw(_(MESSAGES[e.reason]), exc=InvalidCardScanError, title=_("Invalid ID Card Scan"))
	return {
		"applicant_name": card.full_name,
		"applicant_id_number": card.id_number,
		"applicant_address": card.address,
		"date_of_birth": card.date_of_birth.isoformat(),
		"sex": card.sex,
		"accents_lost": card.accents_lost,
	}
