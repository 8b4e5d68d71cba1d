"""The transactional outbox (docs/architecture.md, "Integrations"): everything the app sends out is
first an Outbox Message written in the transaction of the change it reports, then sent by
`deliver`, the scheduled job (hooks.py `scheduler_events`, every minute).

- **Written with the change.** `queue` inserts the message in the caller's transaction: a save
  that is rolled back leaves no message, a save that commits leaves it for `deliver`.
- **Once.** `idempotency_key` is unique (one message per document, event, occurrence and channel):
  a re-save, a retried request or a hook run twice finds the message already there.
- **In order.** Messages of one stream (a document and a channel: `stream`) go one after another,
  in the order they were queued (`name` is an auto-increment): a message is sent only when no
  earlier message of its stream is still Queued, Failed or Dead. A Dead one holds its stream until
  an administrator retries or cancels it: the national portal must never see a gap.
- **Claimed, never sent twice at once.** `deliver` locks the messages it sends with
  `SELECT … FOR UPDATE SKIP LOCKED` and keeps the lock until their outcome is committed: another
  run at the same moment skips them. A run that dies mid-send rolls back and the message is sent
  again later (the receiver may see a retry of what it did not acknowledge, never a gap).
- **Parallel across streams.** Up to `batch_size` heads of different streams are claimed together
  and sent by a pool of threads (the sending itself needs no database; `Sender.prepare` reads what
  it needs first, in the job's own thread).
- **Retried, then Dead.** A failure waits `first_retry_seconds`, twice as long each time after,
  up to `max_retry_seconds` (Outbox Settings); after `max_attempts` the message is Dead. Each
  attempt is a row of `attempts_log`, its error with every secret taken out (`services.outbox.redact`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, now_datetime
from pypika.terms import ExistsCriterion

from ward_admin.services import outbox as rules

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

DEFAULTS = {"max_attempts": 10, "first_retry_seconds": 60, "max_retry_seconds": 3600, "batch_size": 20}
# a minutely job that stops in time for the next one (which would skip what this one holds anyway)
RUN_SECONDS = 50


class DeliveryError(Exception):
	"""A receiver did not accept a message; the text is stored (redacted) as the attempt's error."""


class UnknownChannelError(frappe.ValidationError):
	"""An Outbox Message of a channel the outbox has no sender for."""


class OutboxActionError(frappe.ValidationError):
	"""A retry or a cancellation the message's state does not allow, or without its reason."""


class NotOutboxAdminError(frappe.PermissionError):
	"""Retrying and cancelling messages is for the province's admins."""


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
) -> str | None:
	"""Writes the message in the current transaction (nothing is sent here); returns its name, or the
	name of the message already written under `key`."""
	if channel not in CHANNELS:
		frappe.throw(_("Unknown outbox channel {0}").format(channel), exc=UnknownChannelError)
	existing = frappe.db.get_value(DOCTYPE, {"idempotency_key": key}, "name")
	if existing:
		return existing
	message = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"channel": channel,
			"event": event,
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"administrative_unit": administrative_unit,
			"recipient": recipient,
			"payload": payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False),
			"idempotency_key": key,
			"stream": f"{reference_doctype}|{reference_name}|{channel}",
			"status": QUEUED,
			"attempts": 0,
			"next_attempt_at": now_datetime(),
		}
	)
	message.flags.ignore_links = True
	message.insert(ignore_permissions=True)
	return message.name


# ---------------------------------------------------------------- senders


@dataclass
class Sender:
	"""How a channel sends: `prepare(message)` runs in the job's thread (it may read the database
	and hand a message to Frappe's own queues) and returns the call that transmits, which runs in a
	pool thread without the database and raises `DeliveryError` when the receiver refuses.
	`secrets()` are the values no stored error may show."""

	prepare: Callable
	secrets: Callable = field(default=lambda: ())


def senders() -> dict[str, Sender]:
	from ward_admin.integrations import national_portal, notifications

	return {
		NATIONAL_PORTAL: Sender(national_portal.prepare, national_portal.secrets),
		EMAIL: Sender(notifications.prepare_email, notifications.email_secrets),
		SMS: Sender(notifications.prepare_sms, notifications.sms_secrets),
	}


def settings() -> dict:
	"""Outbox Settings, each left empty read as its default (0 is a value: retry at once)."""
	values = frappe.db.get_singles_dict(SETTINGS)
	config = {
		key: default if values.get(key) in (None, "") else cint(values.get(key))
		for key, default in DEFAULTS.items()
	}
	config["max_attempts"] = max(1, config["max_attempts"])
	config["batch_size"] = max(1, config["batch_size"])
	return config


# ---------------------------------------------------------------- delivering


def deliver() -> int:
	"""The scheduled job: sends every message that is due, returns how many were delivered."""
	config = settings()
	started, delivered, tried = time.monotonic(), 0, set()
	with read_committed():
		while time.monotonic() - started < RUN_SECONDS:
			frappe.db.commit()  # nosemgrep: a fresh view of what is due, and no lock held from before
			heads = due_heads(config["batch_size"], exclude=tried)
			if not heads:
				break
			claimed = claim(heads)
			tried.update(heads)
			if not claimed:
				continue
			delivered += send_batch(claimed, config)
			frappe.db.commit()  # nosemgrep: the outcome of what was sent, and the locks released
	return delivered


@contextmanager
def read_committed():
	"""The run's transactions read what others committed, and lock only the rows they name (no gap
	locks): two runs, and the dossier saves that queue messages, do not wait on each other. The
	connection's own level comes back afterwards."""
	previous = frappe.db.sql("select @@session.tx_isolation")[0][0]
	frappe.db.sql("set session transaction isolation level read committed")
	try:
		yield
	finally:
		frappe.db.commit()  # nosemgrep: the run's last transaction ends before the level changes back
		level = previous.replace("-", " ")
		frappe.db.sql(
			f"set session transaction isolation level {level}"
		)  # nosemgrep: one of four fixed names


def due_heads(limit: int, exclude=()) -> list[int]:
	"""The oldest due message of each stream whose earlier messages are all delivered or cancelled."""
	message = frappe.qb.DocType(DOCTYPE)
	earlier = frappe.qb.DocType(DOCTYPE).as_("earlier")
	holding = (
		frappe.qb.from_(earlier)
		.select(earlier.name)
		.where(earlier.stream == message.stream)
		.where(earlier.name < message.name)
		.where(earlier.status.isin(UNFINISHED))
	)
	query = (
		frappe.qb.from_(message)
		.select(message.name)
		.where(message.status.isin(DUE))
		.where(message.next_attempt_at <= now_datetime())
		.where(~ExistsCriterion(holding))
		.orderby(message.name)
		.limit(limit + len(exclude))
	)
	return [name for name in query.run(pluck=True) if name not in exclude][:limit]


def claim(names: list[int]) -> list[int]:
	"""Locks the messages no other run holds and that are still due (the latest committed values,
	read by the locking read); the locks last until this run commits their outcome."""
	if not names:
		return []
	return frappe.db.sql(
		f"""select name from `tab{DOCTYPE}`
		where name in %(names)s and status in %(due)s and next_attempt_at <= %(now)s
		order by name for update skip locked""",
		{"names": tuple(names), "due": DUE, "now": now_datetime()},
		pluck=True,
	)


def send_batch(names: list[int], config: dict) -> int:
	channel_senders = senders()
	messages = [frappe.get_doc(DOCTYPE, name) for name in names]
	calls = {}
	outcomes: dict[int, str | None] = {}
	for message in messages:
		try:
			sender = channel_senders[message.channel]
			calls[message.name] = sender.prepare(message)
		except Exception as e:
			outcomes[message.name] = describe(e)
	with ThreadPoolExecutor(max_workers=max(1, min(len(calls), 8))) as pool:
		futures = {name: pool.submit(call) for name, call in calls.items() if call}
		for name, future in futures.items():
			try:
				future.result()
				outcomes[name] = None
			except Exception as e:
				outcomes[name] = describe(e)
	for name in calls:
		outcomes.setdefault(name, None)
	delivered = 0
	for message in messages:
		error = outcomes[message.name]
		secrets = channel_senders[message.channel].secrets() if message.channel in channel_senders else ()
		record_attempt(message, rules.redact(error, secrets) if error else None, config)
		delivered += error is None
	return delivered


def describe(error: Exception) -> str:
	return str(error) if isinstance(error, DeliveryError) else f"{type(error).__name__}: {error}"


def record_attempt(message, error: str | None, config: dict) -> None:
	"""The attempt's row and the message's new state, written directly: a Document save would
	delete and re-insert the attempts' rows, whose gap locks deadlock two runs at once."""
	now = now_datetime()
	attempts = cint(message.attempts) + 1
	row = frappe.new_doc(
		"Outbox Attempt",
		parent_doc=message,
		parentfield="attempts_log",
		attempted_at=now,
		outcome=FAILED if error else SENT,
		error=error,
	)
	row.idx = len(message.attempts_log) + 1
	row.db_insert()
	values = {"attempts": attempts, "last_error": error}
	if error is None:
		values.update(status=SENT, sent_at=now)
	elif attempts >= config["max_attempts"]:
		values.update(status=DEAD)
	else:
		delay = rules.retry_delay(attempts, config["first_retry_seconds"], config["max_retry_seconds"])
		values.update(status=FAILED, next_attempt_at=add_to_date(now, seconds=delay))
	frappe.db.set_value(DOCTYPE, message.name, values)


# ---------------------------------------------------------------- what an administrator does


def check_admin(message) -> None:
	"""Site operators and the province's admins (a Ward Admin of a top-level unit) who can read it."""
	from ward_admin.permissions.scope import administers, is_operator

	allowed = is_operator() or ("Ward Admin" in frappe.get_roles() and administers(None))
	if not allowed or not frappe.has_permission(DOCTYPE, "read", message):
		frappe.throw(
			_("Only the province's administrators retry or cancel outgoing messages"),
			exc=NotOutboxAdminError,
		)


def require_reason(reason: str | None) -> str:
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(_("Give the reason for this action"), exc=OutboxActionError)
	return reason


def locked_status(message) -> str:
	"""The message's status once no run is sending it (a run holds its row until its outcome is
	committed): a retry or a cancellation never overwrites an outcome it did not see."""
	return frappe.db.sql(f"select status from `tab{DOCTYPE}` where name = %s for update", message.name)[0][0]


def retry(message, reason: str | None) -> None:
	check_admin(message)
	reason = require_reason(reason)
	message.status = locked_status(message)
	if message.status not in (FAILED, DEAD, CANCELLED):
		frappe.throw(
			_("Only a failed, dead or cancelled message is retried; this one is {0}").format(
				_(message.status)
			),
			exc=OutboxActionError,
		)
	frappe.db.set_value(
		DOCTYPE, message.name, {"status": QUEUED, "attempts": 0, "next_attempt_at": now_datetime()}
	)
	message.add_comment("Info", _("Retried by {0}: {1}").format(frappe.session.user, reason))
	message.reload()


def cancel(message, reason: str | None) -> None:
	check_admin(message)
	reason = require_reason(reason)
	message.status = locked_status(message)
	if message.status not in UNFINISHED:
		frappe.throw(
			_("Only a message not yet delivered is cancelled; this one is {0}").format(_(message.status)),
			exc=OutboxActionError,
		)
	frappe.db.set_value(DOCTYPE, message.name, {"status": CANCELLED})
	message.add_comment("Info", _("Cancelled by {0}: {1}").format(frappe.session.user, reason))
	message.reload()


def oldest_undelivered_age() -> timedelta | None:
	"""How long the oldest message not yet delivered (Queued, Failed or Dead) has waited."""
	oldest = frappe.db.get_value(DOCTYPE, {"status": ("in", UNFINISHED)}, "min(creation)")
	return now_datetime() - oldest if oldest else None
