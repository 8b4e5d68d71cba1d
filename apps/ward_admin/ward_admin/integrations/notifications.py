"""The citizen's e-mail and SMS, as the outbox sends them (docs/architecture.md, "Integrations").

- **E-mail** goes through Frappe: `frappe.sendmail(..., now=False)` writes an Email Queue row (in
  the outbox run's transaction) that Frappe's own job sends through the outgoing Email Account;
  the outbox message is delivered once Frappe has it.
- **SMS** goes through Frappe's SMS Settings (an HTTP gateway: its URL, the message and receiver
  parameters, the static parameters and headers); delivered when the gateway answers 2xx.
"""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import cint

from ward_admin.integrations import outbox


def content(message) -> dict:
	data = json.loads(message.payload or "{}")
	return data if isinstance(data, dict) else {}


# ---------------------------------------------------------------- e-mail


def prepare_email(message):
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


def prepare_sms(message):
	settings = frappe.get_doc("SMS Settings")
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
