"""What a dossier's save queues in the outbox (hooks.py, Dossier `on_update`): the national portal's
sync of each status change and the citizen's notifications of the events the lifecycle recorded
(`ward_admin.services.dossier_events.of_save`). In `on_update`, so the messages are written in the
transaction of the save: a save rolled back queues nothing."""

from ward_admin.integrations import national_portal, notifications


def on_dossier_update(doc, method=None) -> None:
	national_portal.queue_status_changes(doc)
	notifications.queue_for_save(doc)
