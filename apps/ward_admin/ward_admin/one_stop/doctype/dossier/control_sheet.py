"""The control sheet (form 06): who held each step of a dossier, until when, and whether on time.

Two ways to keep it, chosen by the dossier's procedure version:

- **Internal process** (the procedure's `process_steps`, snapshotted at receipt): every step of the
  approved internal process gets its own due time, from its share of the legal time limit in
  working hours, counted one after the other from the receipt (and moved by pauses as the
  dossier's own due time is). A step starts when the dossier enters the step's workflow state and
  ends when it leaves it; a step past its own due time is late even when the dossier is on time.
  Going back to a state whose step is done (the leader sends a draft back) opens that step again.
- **No process**: the steps of the national forms: Reception, one Examination step for all the
  processing states (code 4), the leader's Approval at resolution and the Return of the result.

Either way the steps follow the states' national codes, not their names.
"""

from datetime import datetime

import frappe
from frappe.utils import get_datetime

from ward_admin.one_stop.assignments import holder as current_assignee
from ward_admin.one_stop.doctype.dossier import states
from ward_admin.one_stop.doctype.dossier.legal_clock import compute_due, engine, procedure_of
from ward_admin.services import dossier_events, working_time
from ward_admin.services import dossier_states as codes

# the steps of a dossier whose procedure has no internal process
RECEPTION, EXAMINATION, APPROVAL, RETURN = "Reception", "Examination", "Approval", "Return"
HOURS = working_time.WORKING_HOURS


def has_process(doc) -> bool:
	return any(row.get("workflow_state") for row in doc.steps)


# ---------------------------------------------------------------- at receipt


def plan(doc) -> None:
	"""At receipt: the steps of the procedure's internal process, each with its due time, or the
	reception step of the national forms."""
	received_at = get_datetime(doc.received_at)
	process = procedure_of(doc).get("process_steps") or []
	if not process:
		doc.append(
			"steps",
			{
				"step": RECEPTION,
				"holder": frappe.session.user,
				"started_at": received_at,
				"due_at": received_at,
				"completed_at": received_at,
				"timeliness": working_time.ON_TIME,
			},
		)
		return
	limit = limit_hours(doc)
	elapsed = 0.0
	for row in process:
		hours = row.allotment if row.allotment_unit == "Working Hours" else limit * (row.allotment or 0) / 100
		elapsed += hours
		doc.append(
			"steps",
			{
				"step": row.step_name,
				"workflow_state": row.workflow_state,
				"role": row.role,
				"allotted_hours": hours,
				"due_at": compute_due(doc, processing_time=elapsed, time_unit=HOURS),
			},
		)
	start_steps_of(doc, doc.status, received_at, frappe.session.user)


def limit_hours(doc) -> float:
	"""The working hours between the start of the clock and the due time (a same-day procedure
	has the rest of the day)."""
	calendar = engine(doc)
	start = calendar.start_instant(get_datetime(doc.received_at))
	return calendar.working_seconds_between(start, get_datetime(doc.due_at)) / 3600


# ---------------------------------------------------------------- on each transition


def on_transition(doc, old_state: str | None, new_state: str, now: datetime, user: str) -> None:
	old, new = states.code_of(old_state), states.code_of(new_state)
	if old in (None, codes.SUBMITTED_ONLINE) and new == codes.RECEIVED:
		return  # planned at receipt
	if has_process(doc):
		on_process_transition(doc, old_state, new_state, old, new, now, user)
	else:
		on_national_transition(doc, old, new, now, user)


def on_process_transition(doc, old_state, new_state, old, new, now, user) -> None:
	if new in codes.PAUSES:
		return  # the step waits with the clock
	if old in codes.PAUSES:
		update_due_times(doc, now)
		if new == codes.PROCESSING:
			return  # back to the step that was waiting
	complete_steps_of(doc, old_state, now, user)
	if new in codes.FINAL:
		for row in running(doc):
			complete(doc, row, now, user)
		return
	start_steps_of(doc, new_state, now, user)


def start_steps_of(doc, state: str, now: datetime, user: str) -> None:
	planned = [row for row in doc.steps if row.workflow_state == state]
	if not planned:
		return
	waiting = [row for row in planned if not row.started_at]
	if waiting:
		waiting[0].started_at = now
		return
	# back to a state whose step is done: the step is opened again, with its own due time
	last = planned[-1]
	doc.append(
		"steps",
		{
			"step": last.step,
			"workflow_state": state,
			"role": last.role,
			"allotted_hours": last.allotted_hours,
			"due_at": last.due_at,
			"started_at": now,
		},
	)


def complete_steps_of(doc, state: str | None, now: datetime, user: str) -> None:
	for row in running(doc):
		if row.workflow_state == state:
			complete(doc, row, now, user)


def running(doc) -> list:
	return [row for row in doc.steps if row.started_at and not row.completed_at]


def complete(doc, row, now: datetime, user: str) -> None:
	row.completed_at = now
	row.holder = row.holder or holder_for(doc, row, user)
	if row.due_at:
		row.timeliness = working_time.timeliness(now, get_datetime(row.due_at))
	record_if_late(doc, row, now, user)


def record_if_late(doc, row, now: datetime, user: str) -> None:
	"""A step completed after its own due time is an event of the save (`services.dossier_events`)."""
	if row.timeliness == working_time.LATE and row.holder:
		dossier_events.record(doc, dossier_events.STEP_LATE, now, user, row=row)


def holder_for(doc, row, user: str) -> str:
	"""Who held a step: whoever moved it on, when their role is the step's; else the assignee."""
	if row.get("role") and row.role in frappe.get_roles(user):
		return user
	return current_assignee(doc) or user


def update_due_times(doc, now: datetime) -> list:
	"""After a pause or a calendar change: the due time of every step not yet done, counted again
	with the dossier's pauses. Returns the rows whose due time moved."""
	moved = []
	if has_process(doc):
		# each step is due when the allotments of the steps before it and its own have run; a
		# step opened again keeps the due time of the step it repeats
		elapsed, hours_until = 0.0, {}
		for row in doc.steps:
			key = (row.workflow_state, row.step)
			if row.workflow_state and key not in hours_until:
				elapsed += row.allotted_hours or 0
				hours_until[key] = elapsed
		for row in doc.steps:
			if not row.workflow_state or row.completed_at:
				continue
			hours = hours_until[(row.workflow_state, row.step)]
			due = compute_due(doc, now, processing_time=hours, time_unit=HOURS)
			if due and get_datetime(row.due_at) != due:
				row.due_at = due
				moved.append(row)
	else:
		for row in doc.steps:
			if (
				row.step == EXAMINATION
				and not row.completed_at
				and get_datetime(row.due_at) != get_datetime(doc.due_at)
			):
				row.due_at = doc.due_at
				moved.append(row)
	return moved


# ---------------------------------------------------------------- the steps of the national forms


def on_national_transition(doc, old: int | None, new: int, now: datetime, user: str) -> None:
	if new == codes.PROCESSING and old in codes.PAUSES:
		update_due_times(doc, now)
	elif new == codes.PROCESSING and old == codes.RECEIVED:
		doc.append(
			"steps",
			{"step": EXAMINATION, "holder": current_assignee(doc), "started_at": now, "due_at": doc.due_at},
		)
	elif new in (codes.STOPPED, codes.WITHDRAWN):
		close(doc, EXAMINATION, now, user)
	elif new == codes.RESOLVED:
		close(doc, EXAMINATION, now, user)
		# the leader's signature is the approval step: the person who resolved, at that instant
		approval = doc.append(
			"steps",
			{
				"step": APPROVAL,
				"holder": user,
				"started_at": now,
				"due_at": doc.due_at,
				"completed_at": now,
				"timeliness": doc.timeliness,
			},
		)
		record_if_late(doc, approval, now, user)
		doc.append("steps", {"step": RETURN, "started_at": now, "due_at": doc.appointment_at})
	elif new == codes.RETURNED:
		close(doc, RETURN, now, user, holder=user)


def close(doc, step: str, now: datetime, user: str, holder: str | None = None) -> None:
	for row in doc.steps:
		if row.step == step and not row.completed_at:
			row.completed_at = now
			row.holder = row.holder or holder or current_assignee(doc) or user
			if row.due_at:
				row.timeliness = working_time.timeliness(now, get_datetime(row.due_at))
			record_if_late(doc, row, now, user)
