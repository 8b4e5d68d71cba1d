"""The public lookup of a dossier by its code and lookup secret (Decree 61/2018, 118/2025; since
Decree 309/2026 the public sees only the code and how far the dossier has got).

What anyone holding the slip sees (`public_view`): the procedure, the unit, the state and its
dates, and the names of documents still missing; never the applicant. An unknown code, a wrong
secret and a malformed one answer alike (`find` returns None for all three, compared in constant
time). One address may look up `CALLS_PER_MINUTE` times a minute (`throttle`), the API and the
`/tra-cuu` page together.
"""

import hmac

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from ward_admin.services import dossier_states as codes
from ward_admin.services import lookup_secret

CALLS_PER_MINUTE = 20
# a dossier code is `{unit_code}-{YYMMDD}-{NNNN}`; anything much longer is not one
MAX_CODE_LENGTH = 40
FIELDS = (
	"name",
	"procedure",
	"administrative_unit",
	"status",
	"status_code",
	"received_at",
	"appointment_at",
	"returned_at",
	"lookup_secret",
)


class DossierNotFoundError(frappe.DoesNotExistError):
	"""No dossier has this code and secret (404, the same answer for either being wrong)."""


def throttle(scope: str = "lookup", limit: int = CALLS_PER_MINUTE) -> None:
	"""At most `limit` calls a minute from one address (429 after that); as Frappe's `rate_limit`,
	only on a web request."""
	if not getattr(frappe.local, "request", None):
		return
	key = frappe.cache.make_key(f"ward_admin:portal-{scope}:{frappe.local.request_ip or 'local'}")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, 60)
	if count > limit:
		frappe.throw(
			_("Too many requests from your address: try again in a minute"),
			frappe.RateLimitExceededError,
			title=_("Too Many Requests"),
		)


def find(code, secret) -> frappe._dict | None:
	"""The dossier (its `FIELDS`) whose code and secret these are, else None."""
	code = (code or "").strip() if isinstance(code, str) else ""
	secret = lookup_secret.normalise(secret) if isinstance(secret, str) else ""
	if not code or len(code) > MAX_CODE_LENGTH or not lookup_secret.is_well_formed(secret):
		return None
	row = frappe.db.get_value("Dossier", code, FIELDS, as_dict=True)
	if not row or not row.lookup_secret:
		return None
	if not hmac.compare_digest(row.lookup_secret.encode(), secret.encode()):
		return None
	return row


def not_found() -> None:
	frappe.throw(
		_("No dossier has this code and secret: check both on your receipt slip"),
		exc=DossierNotFoundError,
		title=_("Dossier Not Found"),
	)


def find_or_404(code, secret) -> frappe._dict:
	row = find(code, secret)
	if not row:
		not_found()
	return row


def status_label(status: str | None) -> str:
	"""The state's Vietnamese label, whatever an admin called it (the translation file)."""
	return frappe._(status or "", lang="vi")


def missing_documents(dossier: str) -> list[str]:
	"""Names of the mandatory documents neither received at the counter nor uploaded."""
	rows = frappe.get_all(
		"Dossier Document",
		filters={"parent": dossier, "parenttype": "Dossier", "mandatory": 1, "received": 0},
		fields=["document_name", "file"],
		order_by="idx",
	)
	return [row.document_name for row in rows if not row.file]


def public_view(row) -> dict:
	"""The lookup's answer: no personal data."""
	code = int(row.status_code or 0)
	return {
		"dossier": row.name,
		"procedure_name": frappe.get_cached_value(
			"Administrative Procedure", row.procedure, "procedure_name"
		),
		"unit_name": frappe.get_cached_value("Administrative Unit", row.administrative_unit, "unit_name"),
		"status_code": code,
		"status": status_label(row.status),
		"received_at": row.received_at,
		"appointment_at": row.appointment_at,
		"returned_at": row.returned_at,
		"missing_documents": missing_documents(row.name) if code in codes.OPEN else [],
	}


# ---------------------------------------------------------------- how the pages write it


def vn_date(value) -> str:
	"""dd-mm-yyyy, or "" without a date."""
	return f"{getdate(value):%d-%m-%Y}" if value else ""


def vn_datetime(value) -> str:
	"""HH:MM dd-mm-yyyy, or "" without a date."""
	return f"{get_datetime(value):%H:%M %d-%m-%Y}" if value else ""


def lookup_link(code: str, secret: str | None = None) -> str:
	"""The address that opens the lookup of one dossier: what form 01's QR code holds (a Jinja
	method, hooks.py). Without the secret (a reader who may not see it) it holds the code only."""
	from urllib.parse import urlencode

	query = {"ho-so": code, "bi-mat": secret} if secret else {"ho-so": code}
	return frappe.utils.get_url(f"/tra-cuu?{urlencode(query)}")
