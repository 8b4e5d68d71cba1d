"""Online payments: the gateway's callback issues the dossier's Online receipt.

The gateway signs the call: lowercase hex HMAC-SHA512, keyed with the payment secret of the
dossier's unit, over every field but `signature`, sorted by name and joined as `key=value` with
`&` (`ward_admin.services.receipts.sign`). A valid call for the dossier's unpaid fee issues one
receipt (and its Journal Entry). The same `transaction_id` again returns that receipt and writes
nothing, not even a log line; calls for one dossier queue on its row, so two deliveries of one payment at once still
make one receipt. A bad signature (403), an unknown dossier (404), a wrong amount or a malformed
field (417) write nothing but their log line. Every accepted or refused call is logged in Online
Payment Log, without the secret.
"""

from datetime import datetime, timezone

import frappe
from frappe import _
from frappe.utils import cint, convert_utc_to_system_timezone, get_datetime
from frappe.utils.password import get_decrypted_password

from ward_admin.fees import dossier_fees
from ward_admin.fees.doctype.fee_receipt.fee_receipt import outstanding
from ward_admin.services import receipts

REQUIRED = ("transaction_id", "dossier", "amount", "paid_at", "signature")


class PaymentSignatureError(frappe.PermissionError):
	"""The call is not signed with the unit's payment secret."""


class PaymentAmountError(frappe.ValidationError):
	"""The amount paid is not the dossier's unpaid fee."""


class PaymentFieldError(frappe.ValidationError):
	"""A missing or malformed field of the call."""


class UnknownDossierError(frappe.DoesNotExistError):
	"""The dossier the payment names does not exist."""


def receive(fields: dict, remote_address: str | None = None) -> str:
	fields = {key: "" if value is None else str(value) for key, value in fields.items()}
	try:
		name, result = issue(fields)
	except Exception as error:
		frappe.db.rollback()
		log(fields, "Rejected", remote_address, reason=type(error).__name__)
		frappe.db.commit()
		raise
	if result != "Duplicate":
		# a delivery of a payment already received writes nothing (docs/contract.md, "Online payment callback")
		log(fields, result, remote_address, receipt=name)
	return name


def issue(fields: dict) -> tuple[str, str]:
	missing = [key for key in REQUIRED if not fields.get(key)]
	if missing:
		frappe.throw(_("Missing fields: {0}").format(", ".join(missing)), exc=PaymentFieldError)
	# the dossier's row is locked until the transaction ends: deliveries of one payment queue here
	dossier = frappe.db.get_value(
		"Dossier",
		fields["dossier"],
		["name", "administrative_unit", "applicant_name", "fee_amount"],
		as_dict=True,
		for_update=True,
	)
	if not dossier:
		frappe.throw(_("Unknown dossier"), exc=UnknownDossierError)
	secret = get_decrypted_password(
		"Administrative Unit", dossier.administrative_unit, "payment_secret", raise_exception=False
	)
	if not receipts.signature_matches(fields, secret or ""):
		frappe.throw(_("The payment's signature is not valid"), exc=PaymentSignatureError)

	existing = frappe.db.get_value(
		"Fee Receipt",
		{"payment_channel": "Online", "transaction_id": fields["transaction_id"], "docstatus": ("!=", 0)},
	)
	if existing:
		return existing, "Duplicate"

	amount = fields["amount"]
	if not amount.isascii() or not amount.isdigit() or cint(amount) <= 0:
		frappe.throw(_("The amount is a whole number of đồng"), exc=PaymentFieldError)
	try:
		paid_at = get_datetime(fields["paid_at"])
	except Exception:
		frappe.throw(_("paid_at is not an ISO 8601 time"), exc=PaymentFieldError)
	unpaid = outstanding(dossier.name, dossier.fee_amount)
	if cint(amount) != unpaid:
		frappe.throw(_("The amount paid is not the dossier's unpaid fee"), exc=PaymentAmountError)

	receipt = frappe.get_doc(
		{
			"doctype": "Fee Receipt",
			"dossier": dossier.name,
			"administrative_unit": dossier.administrative_unit,
			"payer_name": dossier.applicant_name,
			"amount": cint(amount),
			"payment_channel": "Online",
			"transaction_id": fields["transaction_id"],
			"paid_at": local_time(paid_at),
		}
	)
	receipt.flags.via_gateway = True
	receipt.flags.ignore_permissions = True
	receipt.insert()
	receipt.submit()
	dossier_fees.resume_after_online_payment(receipt)
	return receipt.name, "Accepted"


def local_time(moment: datetime) -> datetime:
	"""A time with an offset as the site's local (naive) time; a naive one is taken as local."""
	if moment.tzinfo is None:
		return moment
	return convert_utc_to_system_timezone(moment.astimezone(timezone.utc)).replace(tzinfo=None)


def log(fields: dict, result: str, remote_address: str | None, receipt: str | None = None, reason=None):
	frappe.get_doc(
		{
			"doctype": "Online Payment Log",
			"transaction_id": fields.get("transaction_id", "")[:140],
			"dossier": fields.get("dossier", "")[:140],
			"amount": fields.get("amount", "")[:140],
			"paid_at": fields.get("paid_at", "")[:140],
			"result": result,
			"reason": reason,
			"fee_receipt": receipt,
			"remote_address": remote_address,
		}
	).insert(ignore_permissions=True)
