"""A dossier's life: its code, its receipt, its legal clock and what each transition does (design §3-4).

The Dossier controller stays thin and calls into this module. Transitions act on the national
status codes of their states (`states.py`), never on the states' names. The arithmetic of
working time is in `ward_admin.services.working_time`; the calendar of a unit comes from
`ward_setup/doctype/working_calendar/deadlines.py`; the control sheet's steps are kept by
`control_sheet.py`.
"""

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import cint, get_datetime, getdate, now_datetime

from ward_admin import arguments
from ward_admin.arguments import MissingReasonError
from ward_admin.numbering import next_sequence
from ward_admin.one_stop.doctype.dossier import control_sheet, states
from ward_admin.services import citizen_id, working_time
from ward_admin.services import dossier_states as codes
from ward_admin.services.fees import compute_fee
from ward_admin.ward_setup.doctype.working_calendar import deadlines

# a dossier's pages and copies are counted for its fee; more is a typing error
MAX_PAGES = 10_000


class UnknownUnitError(frappe.ValidationError):
	"""A dossier for an Administrative Unit that does not exist."""


class DailySequenceFullError(frappe.ValidationError):
	"""A unit's 9,999 dossier codes of the day are used up."""


class InvalidStateError(frappe.ValidationError):
	"""A state the Dossier workflow does not have."""


class InvalidCitizenIdError(frappe.ValidationError):
	"""A personal ID number that is not one."""


class MissingDocumentsError(frappe.ValidationError):
	"""A receipt without the procedure's mandatory documents."""


class ProcedureNotInForceError(frappe.ValidationError):
	"""A receipt under a procedure version not in force on that day."""


# ---------------------------------------------------------------- the dossier code


def make_dossier_code(unit: str, received_at) -> str:
	"""`{unit_code}-{YYMMDD}-{NNNN}` (Circular 01/2018 Art 19)."""
	unit_code = frappe.get_cached_value("Administrative Unit", unit, "unit_code")
	if not unit_code:
		frappe.throw(
			_("Administrative Unit {0} does not exist").format(frappe.bold(unit)), exc=UnknownUnitError
		)
	prefix = f"{unit_code}-{get_datetime(received_at):%y%m%d}-"
	number = next_sequence(prefix)
	if number > 9999:
		frappe.throw(
			_("Unit {0} has received 9,999 dossiers today: the daily sequence is full").format(unit_code),
			exc=DailySequenceFullError,
		)
	return f"{prefix}{number:04d}"


# ---------------------------------------------------------------- receipt and validation


def entry_state(doc) -> str:
	return states.entry_state(doc.channel)


def set_initial_state(doc) -> None:
	"""A new dossier's state comes from its channel, whatever the form showed before saving."""
	doc.status = entry_state(doc)


def load_procedure_documents(doc) -> None:
	"""Fill the checklist from the procedure's required documents when it is empty."""
	if doc.documents or not doc.procedure:
		return
	for row in procedure_of(doc).documents:
		doc.append("documents", {"document_name": row.document_name, "mandatory": row.mandatory})


def procedure_of(doc):
	"""The dossier's procedure version, from the document cache (cleared when it is saved)."""
	return frappe.get_cached_doc("Administrative Procedure", doc.procedure)


def validate_state(doc) -> None:
	"""A state the workflow knows (Frappe checks the transition itself, after `validate`)."""
	if states.code_of(doc.status) is None:
		frappe.throw(
			_("{0} is not a state of the dossier workflow").format(frappe.bold(doc.status or "")),
			exc=InvalidStateError,
			title=_("Invalid State"),
		)


def validate_applicant(doc) -> None:
	if doc.applicant_id_number:
		try:
			doc.applicant_id_number = citizen_id.validate(doc.applicant_id_number)
		except citizen_id.CitizenIdError as e:
			messages = {
				"format": _("Citizen ID Number {0} must be exactly 12 digits"),
				"province": _("Citizen ID Number {0} does not start with a province code"),
				"future": _("Citizen ID Number {0} gives a birth year in the future"),
				"birth_year": _("Citizen ID Number {0} does not match the date of birth"),
			}
			frappe.throw(
				messages[e.reason].format(frappe.bold(doc.applicant_id_number)),
				exc=InvalidCitizenIdError,
				title=_("Invalid Citizen ID Number"),
			)


def validate_documents_received(doc) -> None:
	missing = [row.document_name for row in doc.documents if row.mandatory and not row.received]
	if missing:
		frappe.throw(
			_("The dossier cannot be received without these mandatory documents: {0}").format(
				"<br>".join(frappe.bold(name) for name in missing)
			),
			exc=MissingDocumentsError,
			title=_("Missing Documents"),
		)


def validate_procedure_in_force(doc) -> None:
	procedure = procedure_of(doc)
	on = getdate(doc.received_at or now_datetime())
	if (
		not procedure.enabled
		or on < getdate(procedure.effective_from)
		or (procedure.effective_to and on > getdate(procedure.effective_to))
	):
		frappe.throw(
			_("Procedure {0} is not in force on {1}: choose the version in force").format(
				frappe.bold(doc.procedure), frappe.format(on, "Date")
			),
			exc=ProcedureNotInForceError,
			title=_("Procedure Not in Force"),
		)


def set_procedure_field(doc) -> None:
	"""The procedure's field, from the cached procedure: Frappe's fetch would query it each save."""
	if doc.procedure:
		doc.procedure_field = procedure_of(doc).procedure_field


def set_fee(doc) -> None:
	rules = [row.as_dict() for row in procedure_of(doc).fee_rules]
	doc.pages = max(cint(doc.pages), 1)
	doc.copies = max(cint(doc.copies), 1)
	if doc.pages > MAX_PAGES or doc.copies > MAX_PAGES:
		frappe.throw(
			_("Pages and copies cannot exceed {0}").format(MAX_PAGES), exc=arguments.InvalidArgumentError
		)
	if doc.fee_exempt and not (doc.fee_exemption_reason or "").strip():
		frappe.throw(
			_("Say who is exempt from the fee and under which rule"),
			exc=MissingReasonError,
			title=_("Missing Information"),
		)
	doc.fee_amount = compute_fee(rules, doc.pages, doc.copies, bool(doc.fee_exempt)) if rules else 0


# ---------------------------------------------------------------- the clock


def calendar_name(doc) -> str:
	return deadlines.calendar_of_unit(doc.administrative_unit)


def engine(doc) -> working_time.WorkingCalendar:
	return deadlines.get_engine_calendar(calendar_name(doc))


def snapshot_procedure(doc) -> None:
	"""The time limit and supplement policy of the version the dossier was received under."""
	procedure = procedure_of(doc)
	doc.processing_time = procedure.processing_time or 0
	doc.time_unit = procedure.time_unit
	doc.supplement_policy = procedure.supplement_policy or working_time.POLICY_RESTART


def compute_due(doc, now=None, processing_time: float | None = None, time_unit: str | None = None):
	"""The legal due time from the receipt instant and the pauses (design §4 rules 1-5): by default
	of the dossier, or of `processing_time` in `time_unit` (a step of its internal process).

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


def limit_in_hours(doc) -> float:
	"""The dossier's time limit in working hours (a working day is the calendar's full day)."""
	if doc.time_unit == working_time.WORKING_HOURS:
		return float(doc.processing_time or 0)
	return float(doc.processing_time or 0) * engine(doc).full_day_seconds / 3600


# ---------------------------------------------------------------- transitions


def on_state_change(doc, old_state: str | None, new_state: str) -> None:
	"""Everything a transition changes besides the state itself; called from validate."""
	now = now_datetime()
	user = frappe.session.user
	old, new = states.code_of(old_state), states.code_of(new_state)
	doc.status_code = new

	if new == codes.RECEIVED and old in (None, codes.SUBMITTED_ONLINE):
		receive(doc, now, user)
	elif new == codes.REFUSED:
		require(doc, "refusal_reason", _("Enter the Refusal Reason before refusing the dossier"))
	elif new in codes.PAUSES:
		if new == codes.AWAITING_SUPPLEMENT:
			require(
				doc, "supplement_request", _("Enter the Supplement Request before requesting a supplement")
			)
		start_pause(doc, codes.PAUSES[new], now, user)
	elif new == codes.PROCESSING and old in codes.PAUSES:
		close_pause(doc, now, user)
		doc.due_at = compute_due(doc, now)
	elif new == codes.PROCESSING and old == codes.PROCESSING:
		if states.order_of(new_state) < states.order_of(old_state):
			require(doc, "rework_reason", _("Write why the dossier is sent back before sending it back"))
	elif new == codes.STOPPED:
		require(doc, "stop_reason", _("Enter the Stop Reason before stopping the dossier"))
	elif new == codes.WITHDRAWN:
		close_pause(doc, now, user)
	elif new == codes.RESOLVED:
		doc.resolved_at = now
		doc.timeliness = working_time.timeliness(now, get_datetime(doc.due_at))
		doc.processing_days = processing_days(doc, now)
		doc.is_overdue = 0
	elif new == codes.RETURNED:
		doc.returned_at = now
	control_sheet.on_transition(doc, old_state, new_state, now, user)


def receive(doc, now: datetime, user: str) -> None:
	validate_procedure_in_force(doc)
	validate_documents_received(doc)
	doc.received_at = doc.received_at or now
	snapshot_procedure(doc)
	doc.due_at = compute_due(doc, now)
	doc.appointment_at = doc.due_at
	control_sheet.plan(doc)


def processing_days(doc, until: datetime) -> float | None:
	"""The working time the ward took (design §4 "average processing time"), in working days."""
	if not doc.received_at:
		return None
	return working_time.processing_days(
		engine(doc),
		get_datetime(doc.received_at),
		until,
		[(get_datetime(p.started_at), get_datetime(p.ended_at) if p.ended_at else None) for p in doc.pauses],
	)


def require(doc, fieldname: str, message: str) -> None:
	if not (doc.get(fieldname) or "").strip():
		frappe.throw(message, exc=MissingReasonError, title=_("Missing Information"))


def start_pause(doc, pause_type: str, now: datetime, user: str) -> None:
	doc.append(
		"pauses",
		{
			"pause_type": pause_type,
			"reason": doc.supplement_request if pause_type == "Supplement" else _("Fees due"),
			"started_at": now,
			"started_by": user,
		},
	)


def close_pause(doc, now: datetime, user: str) -> None:
	for pause in doc.pauses:
		if not pause.ended_at:
			pause.ended_at = now
			pause.ended_by = user
			seconds = engine(doc).working_seconds_between(get_datetime(pause.started_at), now)
			pause.working_hours = round(seconds / 3600, 2)


def current_assignee(doc) -> str | None:
	"""Whoever holds the dossier's open task; while nobody does (it awaits the leader's signature,
	a supplement or a payment: ward_admin.one_stop.worklist), whoever held the last task."""
	assigned = frappe.parse_json(doc.get("_assign") or "[]")
	if assigned:
		return assigned[0]
	if doc.is_new():
		return None
	todo = frappe.qb.DocType("ToDo")
	last = (
		frappe.qb.from_(todo)
		.select(todo.allocated_to)
		.where(
			(todo.reference_type == doc.doctype)
			& (todo.reference_name == doc.name)
			& (todo.status == "Closed")
			& todo.allocated_to.isnotnull()
		)
		.orderby(todo.modified, order=frappe.qb.desc)
		.limit(1)
	).run()
	return last[0][0] if last else None
