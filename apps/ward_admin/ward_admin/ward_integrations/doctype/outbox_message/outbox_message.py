"""A message the app sends out, written with the change it reports and delivered by
`ward_admin.integrations.outbox.deliver` (the rules are there)."""

import frappe
from frappe.model.document import Document


class OutboxMessage(Document):
	pass


def on_doctype_update() -> None:
	# the outbox's two questions: what is due (status, next attempt) and what holds a stream
	frappe.db.add_index("Outbox Message", ["status", "next_attempt_at"])
	frappe.db.add_index("Outbox Message", ["stream", "status"])
