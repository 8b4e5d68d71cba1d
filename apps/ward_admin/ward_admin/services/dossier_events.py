"""What other modules read of a dossier's life, without reading the dossier module itself: the
events of a save, and who holds the dossier.

Pure Python (no Frappe import): it reads, and notes on, the dossier document it is given.

**The events of a save.** The lifecycle (`one_stop/doctype/dossier/lifecycle.py` and
`control_sheet.py`) records each event when it makes it happen, once, on the document being
saved (`record`). The modules that react to a dossier read them in their doc_events of that save
(`of_save`: in `validate`, which hooks.py runs after the Dossier's own, or in `on_update`), never
by comparing the document before and after the save: the fees module checks that a payment pause
is left paid, the emulation module credits points, and the coming notifications and
national-portal sync queue one message per event. docs/hooks.md lists who reads what.

| kind | when | `row` | also |
|---|---|---|---|
| `STATUS_CHANGED` | every change of national status code, the first one (code 1 or 2) included | | `from_code`, `to_code` |
| `RESOLVED` | the dossier is resolved (code 9) | | `timeliness` |
| `SUPPLEMENT_REQUESTED` | a supplement is requested (code 5) | its Dossier Pause | |
| `APOLOGY_ISSUED` | the apology and new appointment (form 04) | | |
| `STEP_LATE` | a step of the control sheet is completed after its own due time | its Dossier Step | |

Every event has `at` (the instant of the change) and `user` (who made it). `occurrence` names an
event among the dossier's others and is the same however often one save is retried: ledgers
and outboxes key on (dossier, kind, occurrence). It names rows, so it is read once the save has
written them (in `on_update`). A save's events are dropped when the document's next save starts
(`start`, the Dossier's `before_validate`).
"""

import json
from dataclasses import dataclass
from datetime import datetime

STATUS_CHANGED = "status_changed"
RESOLVED = "resolved"
SUPPLEMENT_REQUESTED = "supplement_requested"
APOLOGY_ISSUED = "apology_issued"
STEP_LATE = "step_late"
KINDS = (STATUS_CHANGED, RESOLVED, SUPPLEMENT_REQUESTED, APOLOGY_ISSUED, STEP_LATE)

FLAG = "dossier_events"  # the key of a save's events in the document's flags


@dataclass(frozen=True)
class Event:
	kind: str
	at: datetime
	user: str | None
	from_code: int | None = None
	to_code: int | None = None
	timeliness: str | None = None
	row: object = None  # the child row the event is about (a Dossier Pause, a Dossier Step)

	@property
	def occurrence(self) -> str:
		if self.kind == RESOLVED:
			return "resolved"
		if self.kind == SUPPLEMENT_REQUESTED:
			return f"pause:{self.row.name}"
		if self.kind == APOLOGY_ISSUED:
			return "apology"
		if self.kind == STEP_LATE:
			return f"step:{self.row.name}"
		return f"status:{self.to_code}:{self.at:%Y%m%d%H%M%S%f}"


def start(doc) -> None:
	"""A save of the dossier starts: no event yet."""
	doc.flags[FLAG] = []


def record(doc, kind: str, at: datetime, user: str | None, **details) -> Event:
	"""The lifecycle notes an event of this save."""
	if kind not in KINDS:
		raise ValueError(f"unknown dossier event {kind!r}")
	event = Event(kind, at, user, **details)
	if doc.flags.get(FLAG) is None:
		doc.flags[FLAG] = []
	doc.flags[FLAG].append(event)
	return event


def of_save(doc, kind: str | None = None) -> list[Event]:
	"""The events of the dossier's save under way (or just done), in the order they happened."""
	events = doc.flags.get(FLAG) or []
	return [event for event in events if kind is None or event.kind == kind]


def current_assignee(doc) -> str | None:
	"""Who holds the dossier now: the first of its assignees (Frappe keeps them in `_assign`, a
	JSON list)."""
	assigned = doc.get("_assign") or "[]"
	if isinstance(assigned, str):
		assigned = json.loads(assigned)
	return assigned[0] if assigned else None
