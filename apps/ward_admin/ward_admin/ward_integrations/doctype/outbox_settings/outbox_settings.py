"""How the outbox retries (ward_admin.integrations.outbox): attempts before a message is Dead, and the
growing wait between them."""

from frappe.model.document import Document


class OutboxSettings(Document):
	pass
