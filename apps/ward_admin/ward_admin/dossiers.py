"""A dossier's life: its code, its legal clock, its pauses, steps and apology (design §3-4).

The Dossier controller stays thin and calls into this module. The arithmetic of working time
is in `ward_admin.services.working_time`; the calendar of a unit comes from `ward_admin.deadlines`.
"""

from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.query_builder import Order
from frappe.utils import add_to_date, cint, get_datetime, getdate, now_datetime

from ward_admin import arguments, deadlines
from ward_admin.services import citizen_id, working_time
from ward_admin.services.dossier_states import (
	CLOCK_RUNNING_STATES,
	CLOSED_STATES,
	OPEN_STATES,
	PAUSE_STATES,
	STATUS_CODES,
)
from ward_admin.services.fees import compute_fee

# a dossier's pages and copies are counted for its fee; more is a typing error
MAX_PAGES = 10_000

# ---------------------------------------------------------------- the dossier code


def next_sequence(key: str) -> int:
	"""The next number of a daily counter, gap-free and unique under concurrency.

	The counter row stays locked by this transaction until it commits, so concurrent receipts
	of one unit queue behind each other; a receipt that fails rolls its number back with it.
	"""
	# One round trip: MariaDB (>= 10.5) returns the counter's new value from the upsert itself;
	# frappe.qb cannot express RETURNING.
	return frappe.db.sql(
		"""INSERT INTO `tabSeries` (`name`, `current`) VALUES (%s, 1)
		ON DUPLICATE KEY UPDATE `current` = `current` + 1
		RETURNING `current`""",
		key,
	)[0][0]


def make_dossier_code(unit: str, received_at) -> str:
	"""`{unit_code}-{YYMMDD}-{NNNN}` (Circular 01/2018 Art 19)."""
	unit_code = frappe.get_cached_value("Administrative Unit", unit, "unit_code")
	if not unit_code:
		frappe.throw(_("Administrative Unit {0} does not exist").format(frappe.bold(unit)))
	prefix = f"{unit_code}-{get_datetime(received_at):%y%m%d}-"
	number = next_sequence(prefix)
	if number > 9999:
		frappe.throw(
			_("Unit {0} has received 9,999 dossiers today: the daily sequence is full").format(unit_code)
		)
	return f"{prefix}{number:04d}"


# ---------------------------------------------------------------- receipt and validation


def entry_state(doc) -> str:
	return "Submitted Online" if doc.channel == "Online" else "Received"


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
	if doc.status not in STATUS_CODES:
		frappe.throw(
			_("{0} is not a state of the dossier workflow").format(frappe.bold(doc.status or "")),
			exc=frappe.ValidationError,
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
				title=_("Invalid Citizen ID Number"),
			)


def validate_documents_received(doc) -> None:
	missing = [row.document_name for row in doc.documents if row.mandatory and not row.received]
	if missing:
		frappe.throw(
			_("The dossier cannot be received without these mandatory documents: {0}").format(
				"<br>".join(frappe.bold(name) for name in missing)
			),
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


def compute_due(doc, now=None) -> datetime | None:
	"""The legal due time from the receipt instant and the pauses (design §4 rules 1-5).

	Supplement pauses follow the procedure's policy (Restart: the full limit runs again from the
	moment the dossier is complete; Pause: the working time inside the pause is added). Waiting
	for payment always pauses the clock.
	"""
	start = get_datetime(doc.received_at)
	supplements = [p for p in doc.pauses if p.pause_type == "Supplement"]
	pauses = [p for p in doc.pauses if p.pause_type == "Payment"]
	if doc.supplement_policy == working_time.POLICY_RESTART:
		if any(not p.ended_at for p in supplements):
			return get_datetime(doc.due_at) if doc.due_at else None
		if supplements:
			start = max(get_datetime(p.ended_at) for p in supplements)
	else:
		pauses = pauses + supplements
	pauses = [
		(get_datetime(p.started_at), get_datetime(p.ended_at) if p.ended_at else None)
		for p in pauses
		if not p.ended_at or get_datetime(p.ended_at) > start
	]
	return deadlines.compute_due_at(
		calendar_name(doc),
		start,
		doc.processing_time or 0,
		doc.time_unit or working_time.WORKING_DAYS,
		pauses=[(max(a, start), b) for a, b in pauses],
		policy=working_time.POLICY_PAUSE,
		now=now or now_datetime(),
	)


# ---------------------------------------------------------------- state changes


def on_state_change(doc, old_state: str | None, new_state: str) -> None:
	"""Everything a transition changes besides the state itself; called from validate."""
	now = now_datetime()
	user = frappe.session.user
	doc.status_code = STATUS_CODES[new_state]

	if new_state == "Received":
		receive(doc, now, user)
	elif new_state == "Refused":
		require(doc, "refusal_reason", _("Enter the Refusal Reason before refusing the dossier"))
	elif new_state in PAUSE_STATES:
		if new_state == "Awaiting Supplement":
			require(
				doc, "supplement_request", _("Enter the Supplement Request before requesting a supplement")
			)
		doc.append(
			"pauses",
			{
				"pause_type": PAUSE_STATES[new_state],
				"reason": doc.supplement_request if new_state == "Awaiting Supplement" else _("Fees due"),
				"started_at": now,
				"started_by": user,
			},
		)
	elif new_state == "Processing":
		if old_state in PAUSE_STATES:
			close_pause(doc, now, user)
			doc.due_at = compute_due(doc, now)
			for row in open_steps(doc, "Processing"):
				row.due_at = doc.due_at
		else:
			open_step(doc, "Processing", now, doc.due_at, holder=current_assignee(doc))
	elif new_state == "Stopped":
		require(doc, "stop_reason", _("Enter the Stop Reason before stopping the dossier"))
		close_step(doc, "Processing", now)
	elif new_state == "Withdrawn":
		close_pause(doc, now, user)
		close_step(doc, "Processing", now)
	elif new_state == "Resolved":
		doc.resolved_at = now
		doc.timeliness = working_time.timeliness(now, get_datetime(doc.due_at))
		doc.is_overdue = 0
		close_step(doc, "Processing", now)
		# the leader's signature is the approval step: the person who resolved, at that instant
		doc.append(
			"steps",
			{
				"step": "Approval",
				"holder": user,
				"started_at": now,
				"due_at": doc.due_at,
				"completed_at": now,
				"timeliness": doc.timeliness,
			},
		)
		open_step(doc, "Return", now, doc.appointment_at, holder=None)
	elif new_state == "Returned":
		doc.returned_at = now
		close_step(doc, "Return", now, holder=user)


def receive(doc, now: datetime, user: str) -> None:
	validate_procedure_in_force(doc)
	validate_documents_received(doc)
	doc.received_at = doc.received_at or now
	snapshot_procedure(doc)
	doc.due_at = compute_due(doc, now)
	doc.appointment_at = doc.due_at
	received_at = get_datetime(doc.received_at)
	doc.append(
		"steps",
		{
			"step": "Reception",
			"holder": user,
			"started_at": received_at,
			"due_at": received_at,
			"completed_at": received_at,
			"timeliness": working_time.ON_TIME,
		},
	)


def require(doc, fieldname: str, message: str) -> None:
	if not (doc.get(fieldname) or "").strip():
		frappe.throw(message, title=_("Missing Information"))


def close_pause(doc, now: datetime, user: str) -> None:
	for pause in doc.pauses:
		if not pause.ended_at:
			pause.ended_at = now
			pause.ended_by = user
			seconds = engine(doc).working_seconds_between(get_datetime(pause.started_at), now)
			pause.working_hours = round(seconds / 3600, 2)


def open_step(doc, step: str, now: datetime, due_at, holder: str | None) -> None:
	doc.append("steps", {"step": step, "holder": holder, "started_at": now, "due_at": due_at})


def close_step(doc, step: str, now: datetime, holder: str | None = None) -> None:
	for row in doc.steps:
		if row.step == step and not row.completed_at:
			row.completed_at = now
			row.holder = row.holder or holder or current_assignee(doc) or frappe.session.user
			if row.due_at:
				row.timeliness = working_time.timeliness(now, get_datetime(row.due_at))


def open_steps(doc, step: str) -> list:
	return [row for row in doc.steps if row.step == step and not row.completed_at]


def current_assignee(doc) -> str | None:
	assigned = frappe.parse_json(doc.get("_assign") or "[]")
	return assigned[0] if assigned else None


# ---------------------------------------------------------------- apology (form 04)


@frappe.whitelist(methods=["POST"])
def issue_apology(dossier: str, new_appointment_at: str, reason: str) -> None:
	"""Apologise and give a new return time, once, at least one working day before the due time."""
	doc = frappe.get_doc("Dossier", dossier)
	doc.check_permission("write")
	if not (reason or "").strip():
		frappe.throw(
			_("Write the reason for the delay: it is printed on the apology"), title=_("Missing Information")
		)
	if doc.status not in OPEN_STATES or not doc.due_at:
		frappe.throw(_("Only an open dossier with a due time can be rescheduled"), title=_("Not Allowed"))
	if doc.apology_issued_at:
		frappe.throw(
			_("The return time was already rescheduled on {0}: the law allows it only once").format(
				frappe.format(doc.apology_issued_at, "Datetime")
			),
			title=_("Not Allowed"),
		)
	now = now_datetime()
	calendar = engine(doc)
	due_at = get_datetime(doc.due_at)
	latest = calendar.instant_at(calendar.position(due_at) - calendar.full_day_us)
	if now > latest:
		frappe.throw(
			_(
				"An apology must be issued at least one working day before the due time, that is by {0}"
			).format(frappe.format(latest, "Datetime")),
			title=_("Too Late to Reschedule"),
		)
	new_appointment_at = arguments.datetime_value(new_appointment_at, _("New Appointment"))
	if new_appointment_at <= get_datetime(doc.appointment_at):
		frappe.throw(
			_("The new appointment must be later than the current one, {0}").format(
				frappe.format(doc.appointment_at, "Datetime")
			),
			title=_("Invalid Appointment"),
		)
	doc.original_appointment_at = doc.appointment_at
	doc.appointment_at = new_appointment_at
	doc.apology_issued_at = now
	doc.apology_reason = reason.strip()
	doc.apology_by = frappe.session.user
	doc.flags.apology = True
	# the apology fields are read-only to clients: written here, after the write check above
	doc.save(ignore_permissions=True)
	doc.add_comment(
		"Info",
		_("Apology issued; new appointment {0}").format(frappe.format(new_appointment_at, "Datetime")),
	)


# ---------------------------------------------------------------- recomputation


def recompute_open_dossiers(calendar: str) -> int:
	"""After a calendar change: recompute `due_at` of open dossiers of the units using it.

	`appointment_at`, printed on the citizen's slip, is not touched.
	"""
	units = frappe.get_all("Administrative Unit", filters={"working_calendar": calendar}, pluck="name")
	if not units:
		return 0
	dossier = frappe.qb.DocType("Dossier")
	names = (
		frappe.qb.from_(dossier)
		.select(dossier.name)
		.where(dossier.administrative_unit.isin(units) & dossier.status.isin(CLOCK_RUNNING_STATES))
		.orderby(dossier.received_at, order=Order.asc)
	).run(pluck=True)
	changed = 0
	for name in names:
		doc = frappe.get_doc("Dossier", name)
		due_at = compute_due(doc)
		if due_at and get_datetime(doc.due_at) != due_at:
			frappe.db.set_value("Dossier", name, "due_at", due_at, update_modified=False)
			for row in open_steps(doc, "Processing"):
				frappe.db.set_value("Dossier Step", row.name, "due_at", due_at, update_modified=False)
			changed += 1
	return changed


def on_calendar_change(doc, method=None) -> None:
	"""doc_events of Working Calendar and Holiday List: queue the recomputation."""
	calendars = (
		[doc.name]
		if doc.doctype == "Working Calendar"
		else frappe.get_all("Working Calendar", filters={"holiday_list": doc.name}, pluck="name")
	)
	for calendar in calendars:
		deadlines.calendar_changed(calendar)
		frappe.enqueue(
			"ward_admin.dossiers.recompute_open_dossiers",
			calendar=calendar,
			queue="long",
			enqueue_after_commit=True,
			job_id=f"ward_admin:recompute:{calendar}",
			deduplicate=True,
			now=frappe.flags.in_test,  # tests see the effect without a worker
		)
