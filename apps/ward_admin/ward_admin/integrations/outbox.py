"""The transactional outbox (docs/contract.md, "Integrations"): everything the app sends out is
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

from ward_admin.integrations.messages import (  # noqa: F401 (the outbox's names, for its readers)
	CANCELLED,
	CHANNELS,
	DEAD,
	DOCTYPE,
	DUE,
	EMAIL,
	FAILED,
	NATIONAL_PORTAL,
	QUEUED,
	SENT,
	SETTINGS,
	SMS,
	STATUSES,
	UNFINISHED,
	DeliveryError,
	Message,
	UnknownChannelError,
	idempotency_key,
	queue,
	queue_many,
)
from ward_admin.services import outbox as rules

DEFAULTS = {"max_attempts": 10, "first_retry_seconds": 60, "max_retry_seconds": 3600, "batch_size": 20}
# a minutely job that stops in time for the next one (which would skip what this one holds anyway)
RUN_SECONDS = 50


class OutboxActionError(frappe.ValidationError):
	"""A retry or a cancellation the message's state does not allow, or without its reason."""


class NotOutboxAdminError(frappe.PermissionError):
	"""Retrying and cancelling messages is for the province's admins."""


# ---------------------------------------------------------------- senders


@dataclass
class Sender:
	"""How a channel sends: `prepare(message, batch)` runs in the job's thread (it may read the
	database, keeping in `batch` what serves the batch's other messages, and hand a message to
	Frappe's own queues) and returns the call that transmits, which runs in a pool thread without
	the database and raises `DeliveryError` when the receiver refuses.
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
	"""Prepares each claimed message in this thread, transmits them in parallel, and writes every
	outcome (the locks are released by the caller's commit)."""
	channel_senders = senders()
	messages = frappe.get_all(
		DOCTYPE,
		filters={"name": ("in", names)},
		fields=["name", "channel", "payload", "recipient", "reference_doctype", "reference_name", "attempts"],
		order_by="name",
	)
	calls = {}
	outcomes: dict[int, str | None] = {}
	batch: dict = {}  # what a sender reads once for the whole batch (its settings, its password)
	for message in messages:
		try:
			calls[message.name] = channel_senders[message.channel].prepare(message, batch)
		except Exception as e:
			outcomes[message.name] = describe(e)
	with ThreadPoolExecutor(max_workers=max(1, min(len(calls), 8))) as pool:
		futures = {name: pool.submit(call) for name, call in calls.items() if call}
		for name, future in futures.items():
			try:
				future.result()
			except Exception as e:
				outcomes[name] = describe(e)
	secrets = {
		channel: tuple(channel_senders[channel].secrets())
		for channel in {m.channel for m in messages if outcomes.get(m.name) and m.channel in channel_senders}
	}
	# the recipient is personal data the admins reading errors may not see
	errors = {
		m.name: rules.redact(outcomes[m.name], (*secrets.get(m.channel, ()), m.recipient or ""))
		if outcomes.get(m.name)
		else None
		for m in messages
	}
	record_attempts(messages, errors, config)
	return sum(1 for m in messages if errors[m.name] is None)


def describe(error: Exception) -> str:
	return str(error) if isinstance(error, DeliveryError) else f"{type(error).__name__}: {error}"


def record_attempts(messages: list, errors: dict, config: dict) -> None:
	"""Each attempt's row and each message's new state, written directly: a Document save would
	delete and re-insert the attempts' rows, whose gap locks deadlock two runs at once. The rows go
	in one insert, the delivered messages in one update."""
	now = now_datetime()
	user = frappe.session.user
	rows = []
	for message in messages:
		error = errors[message.name]
		rows.append(
			(
				frappe.generate_hash(length=10),
				now,
				now,
				user,
				user,
				0,
				cint(message.attempts) + 1,
				message.name,
				"attempts_log",
				DOCTYPE,
				now,
				FAILED if error else SENT,
				error,
			)
		)
	frappe.db.bulk_insert(
		"Outbox Attempt",
		fields=[
			"name",
			"creation",
			"modified",
			"owner",
			"modified_by",
			"docstatus",
			"idx",
			"parent",
			"parentfield",
			"parenttype",
			"attempted_at",
			"outcome",
			"error",
		],
		values=rows,
	)
	outbox_message = frappe.qb.DocType(DOCTYPE)
	delivered = [m.name for m in messages if errors[m.name] is None]
	if delivered:
		(
			frappe.qb.update(outbox_message)
			.set(outbox_message.status, SENT)
			.set(outbox_message.sent_at, now)
			.set(outbox_message.last_error, None)
			.set(outbox_message.attempts, outbox_message.attempts + 1)
			.set(outbox_message.modified, now)
			.where(outbox_message.name.isin(delivered))
		).run()
	for message in messages:
		error = errors[message.name]
		if error is None:
			continue
		attempts = cint(message.attempts) + 1
		values = {"attempts": attempts, "last_error": error}
		if attempts >= config["max_attempts"]:
			values["status"] = DEAD
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
