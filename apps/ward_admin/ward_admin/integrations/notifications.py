"""The citizen's e-mail and SMS (docs/contract.md, "Integrations"): what a dossier's save queues,
and how the outbox sends it.

- **What is sent.** Each event of the save (`services.dossier_events`) that citizens are told of
  (`EVENTS`: receipt, supplement request, payment request, apology, refusal, stop, result ready,
  return) queues one message per enabled Citizen Notification Template of that event: e-mail to
  `applicant_email`, SMS to `applicant_phone` in its 10-digit form; none when the citizen gave no
  address or number. The text is rendered when the change is saved.
- **Safe texts.** A template names only `PLACEHOLDERS` (checked when it is saved) and is filled in
  by substituting `{name}` with the dossier's value: no Jinja, no `str.format` (whose `{0.attr}`
  reads attributes) runs on text an admin typed.
- **E-mail** goes through Frappe: `frappe.sendmail(..., now=False)` writes an Email Queue row (in
  the outbox run's transaction) that Frappe's own job sends through the outgoing Email Account;
  the outbox message is delivered once Frappe has it.
- **SMS** goes through Frappe's SMS Settings (an HTTP gateway: its URL, the message and receiver
  parameters, the static parameters and headers); delivered when the gateway answers 2xx.
"""

from __future__ import annotations

import json
import re

import frappe
from frappe import _
from frappe.utils import cint

from ward_admin.integrations import messages as outbox
from ward_admin.services import dossier_events
from ward_admin.services import outbox as rules
from ward_admin.services.dossier_states import (
	AWAITING_PAYMENT,
	RECEIVED,
	REFUSED,
	RESOLVED,
	RETURNED,
	STOPPED,
)

TEMPLATE = "Citizen Notification Template"
TEMPLATE_CACHE_KEY = "ward_admin:citizen_notification_templates"

# the template events, by what the lifecycle recorded (a status code reached, or an event kind)
RECEIVED_EVENT = "Dossier Received"
SUPPLEMENT_EVENT = "Supplement Requested"
PAYMENT_EVENT = "Payment Requested"
APOLOGY_EVENT = "Apology Issued"
REFUSED_EVENT = "Dossier Refused"
STOPPED_EVENT = "Processing Stopped"
RESULT_READY_EVENT = "Result Ready"
RETURNED_EVENT = "Result Returned"
BY_STATUS_CODE = {
	RECEIVED: RECEIVED_EVENT,
	AWAITING_PAYMENT: PAYMENT_EVENT,
	REFUSED: REFUSED_EVENT,
	STOPPED: STOPPED_EVENT,
	RESOLVED: RESULT_READY_EVENT,
	RETURNED: RETURNED_EVENT,
}
BY_KIND = {
	dossier_events.SUPPLEMENT_REQUESTED: SUPPLEMENT_EVENT,
	dossier_events.APOLOGY_ISSUED: APOLOGY_EVENT,
}

# what a template may name: the dossier's facts a citizen is told, nothing else of the record
PLACEHOLDERS = (
	"dossier",
	"applicant_name",
	"procedure_name",
	"unit_name",
	"lookup_secret",
	"received_at",
	"appointment_at",
	"supplement_request",
	"refusal_reason",
	"stop_reason",
	"fee_amount",
	"payment_link",
	"rating_link",
	"lookup_link",
)
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
LOOKUP_PAGE = "/tra-cuu"
RATING_PAGE = "/danh-gia"


class TemplateError(frappe.ValidationError):
	"""A template that names something else than the allow-listed placeholders."""


# ---------------------------------------------------------------- templates


def validate_template(doc) -> None:
	for field in ("subject", "body"):
		text = doc.get(field) or ""
		if "{{" in text or "{%" in text or "{#" in text:
			frappe.throw(
				_("Templates do not run code: write placeholders as {dossier}, not {{ doc.name }}"),
				exc=TemplateError,
			)
		unknown = sorted({name for name in PLACEHOLDER.findall(text) if name not in PLACEHOLDERS})
		if unknown:
			frappe.throw(
				_("{0} may name only these placeholders: {1}. Not allowed: {2}").format(
					_(doc.meta.get_label(field)),
					", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
					", ".join(f"{{{name}}}" for name in unknown),
				),
				exc=TemplateError,
			)
	if doc.channel == outbox.EMAIL and not doc.subject:
		frappe.throw(_("An e-mail template needs a subject"), exc=TemplateError)


def render(text: str, values: dict) -> str:
	"""`{name}` of an allow-listed placeholder becomes its value; anything else stays as typed."""
	return PLACEHOLDER.sub(
		lambda m: str(values.get(m.group(1)) or "") if m.group(1) in PLACEHOLDERS else m.group(0), text or ""
	)


class Values(dict):
	"""The placeholders' values of one dossier, each computed the first time a template names it
	(the payment link reads the dossier's receipts; most templates do not name it)."""

	def __init__(self, makers: dict):
		super().__init__()
		self.makers = makers

	def __missing__(self, name):
		value = self[name] = str(self.makers[name]() or "")
		return value

	def get(self, name, default=None):
		return self[name] if name in self.makers else default


def values_of(doc) -> Values:
	from ward_admin.fees.dossier_fees import fee_payment_link
	from ward_admin.printing import format_vnd, vn_datetime

	secret = doc.get("lookup_secret") or ""
	query = f"?ma={doc.name}&mat-khau={secret}"
	return Values(
		{
			"dossier": lambda: doc.name,
			"applicant_name": lambda: doc.applicant_name,
			"procedure_name": lambda: frappe.get_cached_value(
				"Administrative Procedure", doc.procedure, "procedure_name"
			),
			"unit_name": lambda: frappe.get_cached_value(
				"Administrative Unit", doc.administrative_unit, "unit_name"
			),
			"lookup_secret": lambda: secret,
			"received_at": lambda: vn_datetime(doc.received_at),
			"appointment_at": lambda: vn_datetime(doc.appointment_at),
			"supplement_request": lambda: doc.supplement_request,
			"refusal_reason": lambda: doc.refusal_reason,
			"stop_reason": lambda: doc.stop_reason,
			"fee_amount": lambda: format_vnd(doc.fee_amount or 0),
			"payment_link": lambda: fee_payment_link(doc),
			"rating_link": lambda: frappe.utils.get_url(f"{RATING_PAGE}{query}"),
			"lookup_link": lambda: frappe.utils.get_url(f"{LOOKUP_PAGE}{query}"),
		}
	)


def enabled_templates() -> list[dict]:
	"""The enabled templates, from the site's cache (every dossier save with an event reads them);
	a template's change clears it (`clear_template_cache`)."""
	return frappe.cache.get_value(
		TEMPLATE_CACHE_KEY,
		generator=lambda: frappe.get_all(
			TEMPLATE, filters={"enabled": 1}, fields=["event", "channel", "subject", "body"], order_by="name"
		),
	)


def clear_template_cache() -> None:
	frappe.cache.delete_value(TEMPLATE_CACHE_KEY)


# ---------------------------------------------------------------- queuing (Dossier on_update)


def events_of_save(doc) -> list[tuple[str, object]]:
	"""(template event, the dossier event it comes from) of this save, in order."""
	found = []
	for event in dossier_events.of_save(doc):
		if event.kind == dossier_events.STATUS_CHANGED and event.to_code in BY_STATUS_CODE:
			found.append((BY_STATUS_CODE[event.to_code], event))
		elif event.kind in BY_KIND:
			found.append((BY_KIND[event.kind], event))
	return found


def recipient(doc, channel: str) -> str | None:
	if channel == outbox.EMAIL:
		email = (doc.applicant_email or "").strip()
		return email if email and frappe.utils.validate_email_address(email) else None
	return rules.normalize_phone(doc.applicant_phone)


def messages_for_save(doc) -> list[outbox.Message]:
	"""One message per event of the save citizens are told of and enabled template of that event,
	where the citizen gave an address or number for its channel."""
	found = events_of_save(doc)
	if not found:
		return []
	wanted = {name for name, _event in found}
	templates = [frappe._dict(row) for row in enabled_templates() if row["event"] in wanted]
	if not templates:
		return []
	values = values_of(doc)
	messages = []
	for name, event in found:
		for template in templates:
			if template.event != name:
				continue
			to = recipient(doc, template.channel)
			if not to:
				continue  # the citizen gave no address or number for this channel
			messages.append(
				outbox.Message(
					template.channel,
					name,
					"Dossier",
					doc.name,
					outbox.idempotency_key(doc.name, event.kind, event.occurrence, template.channel),
					{"subject": render(template.subject, values), "body": render(template.body, values)},
					recipient=to,
					administrative_unit=doc.administrative_unit,
				)
			)
	return messages


def content(message) -> dict:
	data = json.loads(message.payload or "{}")
	return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------- e-mail


def prepare_email(message, batch: dict):
	data = content(message)
	frappe.sendmail(
		recipients=[message.recipient],
		subject=data.get("subject") or "",
		message=data.get("body") or "",
		reference_doctype=message.reference_doctype,
		reference_name=message.reference_name,
		now=False,
		delayed=True,
	)
	return None  # Frappe's Email Queue has it: nothing left to transmit here


def email_secrets() -> tuple[str, ...]:
	return ()


# ---------------------------------------------------------------- SMS


def prepare_sms(message, batch: dict):
	if "sms" not in batch:
		batch["sms"] = frappe.get_doc("SMS Settings")
	settings = batch["sms"]
	if not settings.sms_gateway_url:
		raise outbox.DeliveryError(_("SMS Settings have no gateway address"))
	data = content(message)
	headers = {"Accept": "text/plain, text/html, */*"}
	params = {}
	for row in settings.get("parameters"):
		if row.header:
			headers[row.parameter] = row.value
		else:
			params[row.parameter] = row.value
	params[settings.message_parameter] = data.get("body") or ""
	params[settings.receiver_parameter] = message.recipient
	use_json = headers.get("Content-Type") == "application/json"
	use_post = bool(cint(settings.use_post))
	url = settings.sms_gateway_url

	def transmit():
		from frappe.core.doctype.sms_settings.sms_settings import send_request

		try:
			send_request(url, params, headers, use_post, use_json)
		except Exception as e:
			raise outbox.DeliveryError(f"{type(e).__name__}: {e}") from e

	return transmit


def sms_secrets() -> tuple[str, ...]:
	"""The gateway's parameter and header values (API keys, account passwords)."""
	rows = frappe.get_all(
		"SMS Parameter", filters={"parenttype": "SMS Settings"}, pluck="value", ignore_permissions=True
	)
	return tuple(value for value in rows if value and len(value) >= 4)
