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
from frappe.query_builder.functions import Coalesce
from frappe.utils import get_datetime, getdate
from frappe.utils.caching import site_cache

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
	row = by_code(code)
	if not row or not row.lookup_secret:
		return None
	if not hmac.compare_digest(row.lookup_secret.encode(), secret.encode()):
		return None
	return row


def by_code(code: str) -> frappe._dict | None:
	"""The dossier's `FIELDS` (frappe.qb straight: the lookup is the site's busiest guest route)."""
	dossier = frappe.qb.DocType("Dossier")
	rows = (
		frappe.qb.from_(dossier)
		.select(*(dossier[field] for field in FIELDS))
		.where(dossier.name == code)
		.run(as_dict=True)
	)
	return rows[0] if rows else None


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


@site_cache(ttl=300)
def status_label(status: str | None) -> str:
	"""The state's Vietnamese label, whatever an admin called it (the translation file); kept five
	minutes per process: reading Frappe's whole translation table costs more than the lookup."""
	return frappe._(status or "", lang="vi")


def missing_documents(dossier: str) -> list[str]:
	"""Names of the mandatory documents neither received at the counter nor uploaded."""
	row = frappe.qb.DocType("Dossier Document")
	rows = (
		frappe.qb.from_(row)
		.select(row.document_name)
		.where(
			(row.parenttype == "Dossier")
			& (row.parent == dossier)
			& (row.mandatory == 1)
			& (row.received == 0)
			& (Coalesce(row.file, "") == "")
		)
		.orderby(row.idx)
		.run(pluck=True)
	)
	return list(rows)


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
