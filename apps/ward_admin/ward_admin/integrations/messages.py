"""An outbox message as its writers see it (ward_admin.integrations.outbox has the rules): the
channels and statuses, the idempotency key, `queue` (written in the caller's transaction) and the
error a sender raises when a receiver refuses. The senders (national_portal, notifications) and
the outbox import it; it imports neither."""

from __future__ import annotations

import json
from dataclasses import dataclass

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


@dataclass
class Message:
	"""A message to write (`queue_many`): the Outbox Message's fields."""

	channel: str
	event: str
	reference_doctype: str
	reference_name: str
	key: str
	payload: dict | str
	recipient: str | None = None
	administrative_unit: str | None = None


COLUMNS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"idx",
	"channel",
	"event",
	"reference_doctype",
	"reference_name",
	"administrative_unit",
	"recipient",
	"payload",
	"idempotency_key",
	"stream",
	"status",
	"attempts",
	"next_attempt_at",
)


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
	"""Writes one message in the current transaction (nothing is sent here); returns its name, or the
	name of the message already written under `key`."""
	message = Message(
		channel, event, reference_doctype, reference_name, key, payload, recipient, administrative_unit
	)
	(name,) = names_for(1)
	insert([message], [name], "name = last_insert_id(name)")
	if frappe.db._cursor.rowcount == 1:
		return name
	# the message already there under the key: LAST_INSERT_ID(name) answered its name
	return frappe.db._cursor.lastrowid


def queue_many(messages: list[Message]) -> None:
	"""Writes the messages of one change in the current transaction, in their order, each once: one
	statement whatever their number (each row takes its name from the doctype's sequence, in the
	order of the rows). A message whose `key` is already there is left as it is."""
	if messages:
		insert(messages, [None] * len(messages), "name = name")


def names_for(count: int) -> list[int]:
	"""The next names of Frappe's autoincrement sequence of the doctype, in order."""
	sequence = f"{frappe.scrub(DOCTYPE)}_id_seq"
	return list(frappe.db.sql(f"select {', '.join([f'nextval(`{sequence}`)'] * count)}")[0])


def insert(messages: list[Message], names: list[int | None], on_duplicate: str) -> None:
	"""One INSERT of the messages; a name left None is the sequence's next value."""
	for message in messages:
		if message.channel not in CHANNELS:
			frappe.throw(_("Unknown outbox channel {0}").format(message.channel), exc=UnknownChannelError)
	now = now_datetime()
	user = frappe.session.user
	rows = [
		(
			name,
			now,
			now,
			user,
			user,
			0,
			0,
			m.channel,
			m.event,
			m.reference_doctype,
			m.reference_name,
			m.administrative_unit,
			m.recipient,
			m.payload if isinstance(m.payload, str) else json.dumps(m.payload, ensure_ascii=False),
			m.key,
			f"{m.reference_doctype}|{m.reference_name}|{m.channel}",
			QUEUED,
			0,
			now,
		)
		for m, name in zip(messages, names, strict=True)
	]
	sequence = f"nextval(`{frappe.scrub(DOCTYPE)}_id_seq`)"
	placeholders = ", ".join(
		"(" + ", ".join([sequence if name is None else "%s", *["%s"] * (len(COLUMNS) - 1)]) + ")"
		for name in names
	)
	# on the unique idempotency_key: the message already there stays as it is
	frappe.db.sql(
		f"insert into `tab{DOCTYPE}` ({', '.join(COLUMNS)}) values {placeholders} "
		f"on duplicate key update {on_duplicate}",
		[value for row in rows for value in (row[1:] if row[0] is None else row)],
	)
