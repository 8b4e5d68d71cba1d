"""An outbox message as its writers see it (ward_admin.integrations.outbox has the rules): the
channels and statuses, the idempotency key, `queue` (written in the caller's transaction) and the
error a sender raises when a receiver refuses. The senders (national_portal, notifications) and
the outbox import it; it imports neither."""

from __future__ import annotations

import json

import frappe
from frappe import _
from frappe.utils import now_datetime

DOCTYPE = "Outbox Message"
SETTINGS = "Outbox Settings"

EMAIL = "Email"
SMS = "SMS"
NATIONAL_PORTAL = "National Portal"
CHANNELS = (EMAIL, SMS, NATIONAL_PORTAL)

QUEUED, SENT, FAILED, DEAD, CANCELLED = "Queued", "Sent", "Failed", "Dead", "Cancelled"
STATUSES = (QUEUED, SENT, FAILED, DEAD, CANCELLED)
DUE = (QUEUED, FAILED)
# what holds the later messages of its stream
UNFINISHED = (QUEUED, FAILED, DEAD)


class DeliveryError(Exception):
	"""A receiver did not accept a message; the text is stored (redacted) as the attempt's error."""


class UnknownChannelError(frappe.ValidationError):
	"""An Outbox Message of a channel the outbox has no sender for."""


# ---------------------------------------------------------------- writing a message


def idempotency_key(reference_name: str, kind: str, occurrence: str, channel: str) -> str:
	"""One message per document, event, occurrence and channel."""
	return f"{reference_name}|{kind}|{occurrence}|{channel}"


def queue(
	channel: str,
	event: str,
	reference_doctype: str,
	reference_name: str,
	key: str,
	payload: dict | str,
	recipient: str | None = None,
	administrative_unit: str | None = None,
) -> int:
	"""Writes the message in the current transaction (nothing is sent here); returns its name, or the
	name of the message already written under `key`.

	Two statements on the save's path: the next name from the doctype's sequence (Frappe's
	autoincrement), and the insert, which on the unique `idempotency_key` of a message already there
	changes nothing and answers that message's name (`LAST_INSERT_ID(name)`)."""
	if channel not in CHANNELS:
		frappe.throw(_("Unknown outbox channel {0}").format(channel), exc=UnknownChannelError)
	now = now_datetime()
	user = frappe.session.user
	name = frappe.db.get_next_sequence_val(DOCTYPE)
	frappe.db.sql(
		f"""insert into `tab{DOCTYPE}` (name, creation, modified, owner, modified_by, docstatus, idx,
			channel, event, reference_doctype, reference_name, administrative_unit, recipient, payload,
			idempotency_key, stream, status, attempts, next_attempt_at)
		values (%(name)s, %(now)s, %(now)s, %(user)s, %(user)s, 0, 0, %(channel)s, %(event)s, %(reference_doctype)s,
			%(reference_name)s, %(unit)s, %(recipient)s, %(payload)s, %(key)s, %(stream)s, %(status)s, 0, %(now)s)
		on duplicate key update name = last_insert_id(name)""",
		{
			"name": name,
			"now": now,
			"user": user,
			"channel": channel,
			"event": event,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"unit": administrative_unit,
			"recipient": recipient,
			"payload": payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False),
			"key": key,
			"stream": f"{reference_doctype}|{reference_name}|{channel}",
			"status": QUEUED,
		},
	)
	if frappe.db._cursor.rowcount == 1:
		return name
	# the message already there under the key: LAST_INSERT_ID(name) answered its name
	return frappe.db._cursor.lastrowid
