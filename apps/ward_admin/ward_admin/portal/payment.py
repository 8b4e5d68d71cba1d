"""/thanh-toan: a dossier's fee paid online (docs/contract.md, "Online payment callback").

The page shows the amount due and the fee's name, and sends the citizen to the unit's gateway
(Administrative Unit `payment_gateway_url`) with the fields `dossier`, `amount` and `return_url`,
signed as the callback's fields are (lowercase hex HMAC-SHA512 with the unit's payment secret,
`services.receipts.sign`), so the gateway knows the request is the unit's. The gateway then
calls the callback (`ward_admin.api.payments.callback`), which issues the Online receipt, and
sends the citizen back to `return_url`, where the page shows the receipt.

Who may see a dossier's payment: whoever holds its code and secret (the lookup's key), or the
return address's `ve`, a keyed hash of the code that shows only the fee and the receipts (the
gateway never learns the lookup secret).
"""

import hashlib
import hmac
from urllib.parse import urlencode

import frappe
from frappe.utils.password import get_decrypted_password, get_encryption_key

from ward_admin.fees.doctype.fee_receipt.fee_receipt import outstanding
from ward_admin.portal import lookup
from ward_admin.printing import format_vnd
from ward_admin.services import receipts

PAGE = "/thanh-toan"


def return_token(code: str) -> str:
	"""The key of the return address: proves the site made it for this dossier."""
	key = get_encryption_key().encode()
	return hmac.new(key, f"thanh-toan:{code}".encode(), hashlib.sha256).hexdigest()[:32]


def find(code, secret=None, token=None) -> frappe._dict | None:
	"""The dossier to pay, by its code and secret or by the return address's token."""
	if secret:
		return lookup.find(code, secret)
	if not isinstance(code, str) or not isinstance(token, str) or len(code) > lookup.MAX_CODE_LENGTH:
		return None
	if not hmac.compare_digest(return_token(code.strip()), token.strip()):
		return None
	return frappe.db.get_value("Dossier", code.strip(), lookup.FIELDS, as_dict=True)


def issued_receipts(code: str) -> list[frappe._dict]:
	rows = frappe.get_all(
		"Fee Receipt",
		filters={"dossier": code, "docstatus": 1, "status": "Issued"},
		fields=[
			"form_symbol",
			"receipt_symbol",
			"receipt_number",
			"amount",
			"issued_at",
			"verification_token",
		],
		order_by="issued_at asc",
	)
	return [
		frappe._dict(
			form_symbol=row.form_symbol,
			receipt_symbol=row.receipt_symbol,
			number=f"{row.receipt_number:07d}",
			amount=format_vnd(row.amount),
			date=lookup.vn_date(row.issued_at),
			check_link=f"/bien-lai/{row.verification_token}",
		)
		for row in rows
	]


def payment_of(row) -> frappe._dict:
	"""What the page shows and sends for one dossier."""
	dossier = frappe.db.get_value(
		"Dossier", row.name, ["administrative_unit", "procedure", "fee_amount", "fee_exempt"], as_dict=True
	)
	unpaid = outstanding(row.name, dossier.fee_amount)
	unit = frappe.db.get_value(
		"Administrative Unit", dossier.administrative_unit, ["unit_name", "payment_gateway_url"], as_dict=True
	)
	procedure_name = frappe.get_cached_value("Administrative Procedure", dossier.procedure, "procedure_name")
	result = frappe._dict(
		dossier=row.name,
		procedure_name=procedure_name,
		unit_name=unit.unit_name,
		fee=int(dossier.fee_amount or 0),
		fee_text=format_vnd(dossier.fee_amount or 0),
		unpaid=unpaid,
		unpaid_text=format_vnd(unpaid),
		receipts=issued_receipts(row.name),
		gateway=None,
		fields={},
	)
	secret = get_decrypted_password(
		"Administrative Unit", dossier.administrative_unit, "payment_secret", raise_exception=False
	)
	if unpaid and unit.payment_gateway_url and secret:
		return_url = frappe.utils.get_url(
			f"{PAGE}?{urlencode({'ho-so': row.name, 've': return_token(row.name)})}"
		)
		fields = {"dossier": row.name, "amount": str(unpaid), "return_url": return_url}
		result.gateway = unit.payment_gateway_url
		result.fields = {**fields, "signature": receipts.sign(fields, secret)}
	return result
