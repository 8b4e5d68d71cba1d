"""The payment gateway's callback (docs/contract.md, "Online payment callback"): guest, POST, rate-limited.

	POST /api/method/ward_admin.api.payments.callback
	transaction_id, dossier, amount (VND, integer), paid_at (ISO 8601), signature

The rules live with the Fee Receipt (`ward_admin.fees.doctype.fee_receipt.online`).
"""

import frappe
from frappe.rate_limiter import rate_limit

from ward_admin.fees.doctype.fee_receipt import online

# a gateway confirms a few payments a second at most; more from one address is a probe
CALLS_PER_MINUTE = 120


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=CALLS_PER_MINUTE, seconds=60)
def callback(**fields) -> str:
	"""Issues the Online receipt of a paid dossier and returns its name (the same one again for a
	transaction already received)."""
	fields.pop("cmd", None)
	return online.receive(fields, frappe.local.request_ip)
