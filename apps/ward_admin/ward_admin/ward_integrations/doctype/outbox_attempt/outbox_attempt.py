"""One attempt to send an Outbox Message: when, whether the receiver took it, and its error (never a
secret: `ward_admin.services.outbox.redact`)."""

from frappe.model.document import Document


class OutboxAttempt(Document):
	pass
