"""A dossier's legal clock: the procedure version it was received under, its unit's working
calendar, and its legal due time (docs/rules.md, "Working time", rules 1-5).

The lifecycle (`lifecycle.py`), the control sheet (`control_sheet.py`), the form's badge and
notice (`clock.py`), the apology (`apology.py`) and the recount after a calendar change
(`one_stop/recompute.py`) all read the clock here; none of them reads it from another. The
arithmetic of working time is `ward_admin.services.working_time`; the calendar of a unit comes from
`ward_setup/doctype/working_calendar/deadlines.py`.
"""

import frappe
from frappe.utils import get_datetime, now_datetime

from ward_admin.services import working_time
from ward_admin.ward_setup.doctype.working_calendar import deadlines


def procedure_of(doc):
	"""The dossier's procedure version, from the document cache (cleared when it is saved)."""
	return frappe.get_cached_doc("Administrative Procedure", doc.procedure)


def calendar_name(doc) -> str:
	return deadlines.calendar_of_unit(doc.administrative_unit)


def engine(doc) -> working_time.WorkingCalendar:
	return deadlines.get_engine_calendar(calendar_name(doc))


def compute_due(doc, now=None, processing_time: float | None = None, time_unit: str | None = None):
	"""The legal due time from the receipt instant and the pauses (rules 1-5): by default of the
	dossier, or of `processing_time` in `time_unit` (a step of its internal process).

	While the clock waits for a supplement under the "Restart" policy there is no due time: the
	one already computed stays.
	"""
	supplements = [(p.started_at, p.ended_at) for p in doc.pauses if p.pause_type == "Supplement"]
	payments = [(p.started_at, p.ended_at) for p in doc.pauses if p.pause_type == "Payment"]
	due = deadlines.compute_legal_due_at(
		calendar_name(doc),
		doc.received_at,
		doc.processing_time if processing_time is None else processing_time,
		(time_unit or doc.time_unit) or working_time.WORKING_DAYS,
		supplements,
		payments,
		doc.supplement_policy or working_time.POLICY_RESTART,
		now=now or now_datetime(),
	)
	if due is None and processing_time is None and doc.due_at:
		return get_datetime(doc.due_at)
	return due
