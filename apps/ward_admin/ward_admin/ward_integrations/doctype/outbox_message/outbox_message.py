"""A message the app sends out, written with the change it reports and delivered by
`ward_admin.integrations.outbox.deliver` (the rules are there). An administrator of the province
retries a Failed or Dead message, or cancels one that must not go (which lets the later messages of
its stream go), each with a reason kept in the message's timeline."""

import frappe
from frappe.model.document import Document

from ward_admin.integrations import outbox


class OutboxMessage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from ward_admin.ward_integrations.doctype.outbox_attempt.outbox_attempt import OutboxAttempt

		administrative_unit: DF.Link | None
		attempts: DF.Int
		attempts_log: DF.Table[OutboxAttempt]
		channel: DF.Literal["Email", "SMS", "National Portal"]
		event: DF.Literal[
			"",
			"Dossier Received",
			"Supplement Requested",
			"Payment Requested",
			"Apology Issued",
			"Dossier Refused",
			"Processing Stopped",
			"Result Ready",
			"Result Returned",
			"DongBoHoSoMC",
		]
		idempotency_key: DF.Data | None
		last_error: DF.SmallText | None
		name: DF.Int | None
		next_attempt_at: DF.Datetime | None
		payload: DF.Code | None
		recipient: DF.Data | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		sent_at: DF.Datetime | None
		status: DF.Literal["Queued", "Sent", "Failed", "Dead", "Cancelled"]
		stream: DF.Data | None
	# end: auto-generated types

	@frappe.whitelist()
	def retry(self, reason: str | None = None) -> None:
		"""A Failed or Dead message goes again at once, with a fresh count of attempts."""
		outbox.retry(self, reason)

	@frappe.whitelist()
	def cancel(self, reason: str | None = None) -> None:
		"""A message not yet delivered will not be sent; its stream's later messages go on."""
		outbox.cancel(self, reason)


def on_doctype_update() -> None:
	# the outbox's two questions: what is due (status, next attempt) and what holds a stream
	frappe.db.add_index("Outbox Message", ["status", "next_attempt_at"])
	frappe.db.add_index("Outbox Message", ["stream", "status"])
