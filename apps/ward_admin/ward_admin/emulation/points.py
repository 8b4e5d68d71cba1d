"""Emulation points from the dossier lifecycle (docs/contract.md: Emulation Rule, Emulation Point
Entry).

The emulation module reacts to dossiers through hooks (hooks.py `doc_events`): after each save
of a dossier, `on_dossier_update` reads the events the lifecycle recorded for that save
(`ward_admin.services.dossier_events`: resolved early, on time or late, a step of the control
sheet completed late, a supplement requested, an apology issued) and credits the points of every
enabled rule of that event. A citizen's rating credits on
insert; becoming overdue saves nothing, so a scheduled job (`credit_overdue`) credits
"Dossier Overdue" once per working day a dossier stays overdue.

The ledger is append-only and idempotent: each entry carries a key made of (rule, document,
occurrence of the event, employee), unique in the table, and entries are written with one
`INSERT IGNORE`: saving again, re-running the job or a retried request never credits twice.
Points go to the ERPNext Employee whose `user_id` is the credited user; a user with no
Employee earns nothing (there is nobody to rate).
"""

import hashlib
from collections.abc import Iterable

import frappe
from frappe import _
from frappe.utils import flt, get_datetime, getdate, now_datetime
from pypika.terms import PseudoColumn

from ward_admin.services import dossier_events
from ward_admin.services import dossier_states as codes
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

DOSSIER = "Dossier"
RATING = "Citizen Rating"

RESOLVED_EARLY = "Dossier Resolved Early"
RESOLVED_ON_TIME = "Dossier Resolved On Time"
RESOLVED_LATE = "Dossier Resolved Late"
STEP_LATE = "Step Late"
SUPPLEMENT_REQUESTED = "Supplement Requested"
APOLOGY_ISSUED = "Apology Issued"
CITIZEN_RATING = "Citizen Rating"
DOSSIER_OVERDUE = "Dossier Overdue"
CUSTOM = "Custom"
EVENTS = (
	RESOLVED_EARLY,
	RESOLVED_ON_TIME,
	RESOLVED_LATE,
	STEP_LATE,
	SUPPLEMENT_REQUESTED,
	APOLOGY_ISSUED,
	CITIZEN_RATING,
	DOSSIER_OVERDUE,
	CUSTOM,
)
RESOLUTION_EVENTS = {"Early": RESOLVED_EARLY, "On Time": RESOLVED_ON_TIME, "Late": RESOLVED_LATE}

RECEIVING_OFFICER, ASSIGNEE, STEP_HOLDER, RESOLVER = (
	"Receiving Officer",
	"Assignee",
	"Step Holder",
	"Resolver",
)

RULES_KEY = "ward_admin:emulation_rules"
EMPLOYEES_KEY = "ward_admin:employee_of_user"

ENTRY_COLUMNS = (
	"name",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
	"employee",
	"employee_name",
	"user",
	"administrative_unit",
	"posting_date",
	"points",
	"rule",
	"event",
	"reference_doctype",
	"reference_name",
	"dossier",
	"reverses",
	"reason",
	"entry_key",
)


# ---------------------------------------------------------------- caches


def enabled_rules() -> list[dict]:
	"""Every enabled rule, cached until a rule changes (`clear_caches`)."""
	return frappe.cache.get_value(RULES_KEY, generator=_load_rules)


def _load_rules() -> list[dict]:
	rule = frappe.qb.DocType("Emulation Rule")
	return (
		frappe.qb.from_(rule)
		.select(
			rule.name,
			rule.event,
			rule.administrative_unit,
			rule.credit_to,
			rule.points,
			rule.multiplier_field,
			rule.max_points,
			rule.condition,
		)
		.where(rule.enabled == 1)
		.orderby(rule.name)
		.run(as_dict=True)
	)


def clear_caches(doc=None, method=None) -> None:
	frappe.cache.delete_value([RULES_KEY, EMPLOYEES_KEY])


def employee_of(user: str | None) -> tuple[str, str] | None:
	"""(Employee, employee name) of an active Employee linked to the user."""
	if not user or user in ("Guest", "Administrator"):
		return None
	found = frappe.cache.hget(EMPLOYEES_KEY, user, generator=lambda: _load_employee(user))
	return tuple(found) if found else None


def _load_employee(user: str) -> list | None:
	row = frappe.db.get_value(
		"Employee", {"user_id": user, "status": "Active"}, ["name", "employee_name"], order_by="creation"
	)
	return list(row) if row else []


def applies_in(rule: dict, unit: str) -> bool:
	"""A rule with no unit applies everywhere; a unit's rule in that unit and every unit below it."""
	if not rule.administrative_unit or rule.administrative_unit == unit:
		return True
	return unit_tree.is_below(unit, rule.administrative_unit)


def rules_of(event: str, unit: str) -> list[dict]:
	return [rule for rule in enabled_rules() if rule.event == event and applies_in(rule, unit)]


# ---------------------------------------------------------------- what a dossier save did


def on_dossier_update(doc, method=None) -> None:
	"""doc_events hook of Dossier (on_update): credit the events this save produced."""
	if not enabled_rules():
		return
	events = list(events_of_save(doc))
	if events:
		credit(doc, events)


def events_of_save(doc) -> Iterable[tuple[str, str, object, str | None]]:
	"""(rule event, occurrence, detail, who made it) of each event the lifecycle recorded for this
	save; `occurrence` names it in the ledger."""
	for event in dossier_events.of_save(doc):
		if event.kind == dossier_events.RESOLVED and event.timeliness in RESOLUTION_EVENTS:
			yield RESOLUTION_EVENTS[event.timeliness], event.occurrence, None, event.user
		elif event.kind == dossier_events.SUPPLEMENT_REQUESTED:
			yield SUPPLEMENT_REQUESTED, event.occurrence, event.row, event.user
		elif event.kind == dossier_events.APOLOGY_ISSUED:
			yield APOLOGY_ISSUED, event.occurrence, None, event.user
		elif event.kind == dossier_events.STEP_LATE:
			yield STEP_LATE, event.occurrence, event.row, event.user
	yield CUSTOM, "custom", None, None


def credit(doc, events, reference=None, on=None) -> int:
	"""Write the entries of `events` ((event, occurrence, detail, who made it)) of the dossier `doc`
	(for `reference`, by default the dossier); returns how many rules matched (entries already in
	the ledger are not written again)."""
	reference = reference or doc
	entries, matched = [], 0
	context = None
	for event, occurrence, detail, actor in events:
		for rule in rules_of(event, doc.administrative_unit):
			if rule.condition:
				context = context or condition_context(doc, reference)
				if not passes(rule, context):
					continue
			points = points_of(rule, reference)
			if not points:
				continue
			matched += 1
			for user in recipients(rule, event, doc, detail, actor):
				entry = entry_for(rule, event, occurrence, reference, doc, user, points, on)
				if entry:
					entries.append(entry)
	write_entries(entries)
	return matched


def condition_context(doc, reference) -> dict:
	fields = {
		key: value
		for key, value in doc.as_dict(no_child_table_fields=True).items()
		if not isinstance(value, list)
	}
	fields["supplements"] = sum(1 for p in doc.get("pauses") or [] if p.pause_type == "Supplement")
	fields["steps_late"] = sum(1 for s in doc.get("steps") or [] if s.timeliness == "Late")
	if reference is not doc:
		fields["rating"] = reference.get("rating")
	return {"doc": frappe._dict(fields)}


def passes(rule: dict, context: dict) -> bool:
	try:
		return bool(frappe.safe_eval(rule.condition, None, context))
	except Exception:
		# a condition that fails on this document (a field it names is empty) does not match;
		# the rule's form refuses conditions that cannot run at all
		return False


def points_of(rule: dict, reference) -> float:
	points = flt(rule.points)
	if rule.multiplier_field:
		points *= flt(reference.get(rule.multiplier_field))
	if rule.max_points and abs(points) > flt(rule.max_points):
		points = flt(rule.max_points) if points > 0 else -flt(rule.max_points)
	return round(points, 2)


def recipients(rule: dict, event: str, doc, detail, actor: str | None = None) -> list[str]:
	"""Whom a rule credits for an event of `doc` (docs/contract.md, "Emulation": `credit_to`)."""
	credit_to = rule.credit_to
	if credit_to == STEP_HOLDER:
		if event == STEP_LATE:
			return [detail.holder]
		if event == RESOLVED_LATE:
			late = {row.holder for row in doc.steps if row.holder and row.timeliness == "Late"}
			if late:
				return sorted(late)
		return sorted({row.holder for row in doc.steps if row.holder and row.completed_at})
	if credit_to == RECEIVING_OFFICER:
		return [receiving_officer(doc)]
	if credit_to == RESOLVER:
		return [acting_user(event, doc, detail, actor)]
	return [assignee(doc)]


def receiving_officer(doc) -> str | None:
	first = doc.steps[0] if doc.steps else None
	return (first.holder if first else None) or doc.owner


def acting_user(event: str, doc, detail, actor: str | None = None) -> str | None:
	"""Who made the change: resolved the dossier, requested the supplement, apologised (the user
	the lifecycle recorded with the event, by default the session's)."""
	if event == SUPPLEMENT_REQUESTED and detail:
		return detail.started_by
	if event == APOLOGY_ISSUED:
		return doc.apology_by
	actor = actor or frappe.session.user
	if event in RESOLUTION_EVENTS.values():
		approvals = [row.holder for row in doc.steps if row.completed_at and row.holder]
		if approvals and actor in ("Administrator", "Guest"):
			return approvals[-1]
	return actor


def assignee(doc) -> str | None:
	"""Who holds the dossier, or else whoever held its last step."""
	if holder := dossier_events.current_assignee(doc):
		return holder
	held = [row.holder for row in doc.steps if row.holder]
	return held[-1] if held else None


def entry_key(rule: str, reference_doctype: str, reference_name: str, occurrence: str, employee: str) -> str:
	raw = "\x1f".join((rule, reference_doctype, reference_name, occurrence, employee))
	return hashlib.sha1(raw.encode()).hexdigest()


def entry_for(rule, event, occurrence, reference, doc, user, points, on=None) -> tuple | None:
	employee = employee_of(user)
	if not employee:
		return None
	now = now_datetime()
	return (
		next_name(),
		now,
		now,
		frappe.session.user,
		frappe.session.user,
		0,
		employee[0],
		employee[1],
		user,
		doc.administrative_unit,
		getdate(on or now),
		points,
		rule.name,
		event,
		reference.doctype,
		reference.name,
		doc.name,
		None,
		None,
		entry_key(rule.name, reference.doctype, reference.name, occurrence, employee[0]),
	)


def next_name():
	"""The entry's number, from the doctype's sequence (autoincrement naming) inside the INSERT."""
	return PseudoColumn("nextval(`emulation_point_entry_id_seq`)")


def write_entries(entries: list[tuple]) -> None:
	"""One INSERT IGNORE for all: an entry whose key is in the ledger already is skipped."""
	if not entries:
		return
	table = frappe.qb.DocType("Emulation Point Entry")
	query = frappe.qb.into(table).columns(*ENTRY_COLUMNS).ignore()
	for entry in entries:
		query = query.insert(entry)
	query.run()


# ---------------------------------------------------------------- a citizen's rating


def on_rating(rating) -> None:
	"""After a Citizen Rating is inserted: the rules of event "Citizen Rating" on its dossier."""
	if not rules_of(CITIZEN_RATING, rating.administrative_unit):
		return
	dossier = frappe.get_doc(DOSSIER, rating.dossier)
	credit(dossier, [(CITIZEN_RATING, "rating", None, None)], reference=rating, on=getdate(rating.rated_at))


# ---------------------------------------------------------------- overdue, per working day


def credit_overdue(on=None) -> int:
	"""Scheduled (daily, after office hours): one "Dossier Overdue" entry per overdue dossier per
	working day, for the rules of that event. Returns the number of dossiers credited."""
	from ward_admin.ward_setup.doctype.working_calendar import deadlines

	if not any(rule.event == DOSSIER_OVERDUE for rule in enabled_rules()):
		return 0
	now = get_datetime(on) if on else now_datetime()
	day = getdate(now)
	dossier = frappe.qb.DocType(DOSSIER)
	overdue = (
		frappe.qb.from_(dossier)
		.select(dossier.name)
		.where(dossier.status_code.isin(sorted(codes.CLOCK_RUNNING)) & (dossier.due_at < now))
		.run(pluck=True)
	)
	credited = 0
	for name in overdue:
		doc = frappe.get_doc(DOSSIER, name)
		calendar = deadlines.get_engine_calendar(deadlines.calendar_of_unit(doc.administrative_unit))
		if not calendar.is_working_day(day):
			continue
		if credit(doc, [(DOSSIER_OVERDUE, f"overdue:{day.isoformat()}", None, None)], on=day):
			credited += 1
	return credited


def scheduled_overdue() -> None:
	credit_overdue()
	frappe.db.commit()


# ---------------------------------------------------------------- corrections


class EntryCorrectionError(frappe.ValidationError):
	"""A correction the ledger does not allow (a reversal of a reversal, or a second one)."""


def reverse(entry, reason: str) -> str:
	"""A reversing entry for `entry` (never an edit of it); returns its name."""
	if entry.reverses:
		frappe.throw(_("A reversing entry cannot be reversed"), exc=EntryCorrectionError)
	if entry.reversed_by:
		frappe.throw(
			_("Entry {0} was already reversed by {1}").format(entry.name, entry.reversed_by),
			exc=EntryCorrectionError,
		)
	now = now_datetime()
	key = entry_key("reversal", "Emulation Point Entry", str(entry.name), "reverse", entry.employee)
	values = dict(
		zip(
			ENTRY_COLUMNS,
			(
				next_name(),
				now,
				now,
				frappe.session.user,
				frappe.session.user,
				0,
				entry.employee,
				entry.employee_name,
				entry.user,
				entry.administrative_unit,
				getdate(now),
				-flt(entry.points),
				entry.rule,
				entry.event,
				entry.reference_doctype,
				entry.reference_name,
				entry.dossier,
				entry.name,
				reason,
				key,
			),
			strict=True,
		)
	)
	write_entries([tuple(values.values())])
	name = frappe.db.get_value("Emulation Point Entry", {"entry_key": key})
	frappe.db.set_value("Emulation Point Entry", entry.name, "reversed_by", name, update_modified=False)
	return str(name)
