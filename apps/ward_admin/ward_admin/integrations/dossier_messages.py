"""What a dossier's save queues in the outbox (hooks.py, Dossier `on_update`): the national portal's
sync of each status change and the citizen's notifications of the events the lifecycle recorded
(`ward_admin.services.dossier_events.of_save`). In `on_update`, so the messages are written in the
transaction of the save: a save rolled back queues nothing."""

import frappe

from ward_admin.integrations import national_portal, notifications


def on_dossier_update(doc, method=None) -> None:
	from ward_admin.integrations.messages import queue_many

	queue_many([*national_portal.messages_for_save(doc), *notifications.messages_for_save(doc)])


def on_dossier_trash(doc, method=None) -> None:
	"""A dossier deleted (by a site operator: staff never delete one) takes its messages, sent or
	not, with its other traces."""
	from ward_admin.integrations.messages import DOCTYPE

	names = frappe.get_all(
		DOCTYPE, filters={"reference_doctype": doc.doctype, "reference_name": doc.name}, pluck="name"
	)
	if names:
		frappe.db.delete("Outbox Attempt", {"parent": ("in", names)})
		frappe.db.delete(DOCTYPE, {"name": ("in", names)})
