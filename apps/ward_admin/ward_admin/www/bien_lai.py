"""/bien-lai/<token>: the public check of an e-receipt, opened from the QR code it carries.

Guest. It shows only what the receipt proves: its symbols and number, the collecting unit, the
amount, the date and whether it is still valid; never the payer or the dossier. A token is a
random 32-character string, and one address may ask `CHECKS_PER_MINUTE` times a minute. The page
is in Vietnamese, as the receipt is (Decree 254/2026 Art 23).
"""

import frappe
from frappe import _

from ward_admin.fees.doctype.fee_receipt.printing import STATUS
from ward_admin.printing import format_vnd, vn_date

no_cache = 1
sitemap = 0

CHECKS_PER_MINUTE = 30


def get_context(context):
	# a Vietnamese receipt's check, in Vietnamese, whatever language the visitor's browser asks for
	frappe.local.lang = "vi"
	throttle()
	token = (frappe.form_dict.token or "").strip()
	receipt = None
	if token and len(token) <= 64:
		receipt = frappe.db.get_value(
			"Fee Receipt",
			{"verification_token": token, "docstatus": ("!=", 0)},
			[
				"form_symbol",
				"receipt_symbol",
				"receipt_number",
				"administrative_unit",
				"amount",
				"issued_at",
				"status",
			],
			as_dict=True,
		)
	context.no_cache = 1
	context.title = _("E-Receipt Check")
	if not receipt:
		context.http_status_code = 404
		context.found = False
		return context
	context.found = True
	context.receipt = frappe._dict(
		form_symbol=receipt.form_symbol,
		receipt_symbol=receipt.receipt_symbol,
		number=f"{receipt.receipt_number:07d}",
		unit=frappe.db.get_value("Administrative Unit", receipt.administrative_unit, "unit_name"),
		amount=format_vnd(receipt.amount),
		date=vn_date(receipt.issued_at),
		status=STATUS.get(receipt.status, receipt.status),
		valid=receipt.status == "Issued",
	)
	return context


def throttle() -> None:
	key = frappe.cache.make_key(f"ward_admin:receipt-check:{frappe.local.request_ip or 'local'}")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, 60)
	if count > CHECKS_PER_MINUTE:
		frappe.throw(
			_("Too many checks from your address: try again in a minute"), frappe.RateLimitExceededError
		)
