"""Legal deadlines of a unit, from its Working Calendar and ERPNext Holiday List.

The arithmetic is in `ward_admin.services.working_time` (pure Python). This module builds that
engine's calendar from the desk records and keeps one per Working Calendar in each process.
Saving the Working Calendar or its Holiday List bumps the calendar's version in Redis (shared by
every web and worker process), and each process rebuilds its copy when the version moved: an
admin who adds a holiday or a compensatory working day sees the next deadline move. Checking the
version is one Redis read per deadline; building a 3-year calendar takes about a millisecond.
"""

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, getdate

from ward_admin import arguments
from ward_admin.services import working_time
from ward_admin.services.working_time import WorkingCalendar as EngineCalendar

VERSIONS_KEY = "ward_admin_calendar_versions"

# (site, calendar name) -> (version, engine calendar)
_calendars: dict[tuple[str, str], tuple[str, EngineCalendar]] = {}


def get_engine_calendar(calendar_name: str) -> EngineCalendar:
	"""The engine calendar of a Working Calendar, rebuilt when it or its Holiday List changed."""
	version = frappe.cache.hget(VERSIONS_KEY, calendar_name)
	if version is None:
		version = repr(_stamp(calendar_name))
		frappe.cache.hset(VERSIONS_KEY, calendar_name, version)
	key = (frappe.local.site, calendar_name)
	cached = _calendars.get(key)
	if cached and cached[0] == version:
		return cached[1]
	engine = _build(calendar_name)
	_calendars[key] = (version, engine)
	return engine


def calendar_changed(calendar_name: str) -> None:
	"""Every process rebuilds this calendar at its next deadline.

	Forgotten now (this transaction sees its own change) and again when the transaction ends:
	Redis is not transactional, so a version taken from uncommitted rows must not outlive them.
	"""

	def forget():
		frappe.cache.hdel(VERSIONS_KEY, calendar_name)
		_calendars.pop((frappe.local.site, calendar_name), None)

	forget()
	frappe.db.after_commit.add(forget)
	frappe.db.after_rollback.add(forget)


def _stamp(calendar_name: str) -> tuple:
	calendar = frappe.qb.DocType("Working Calendar")
	holiday_list = frappe.qb.DocType("Holiday List")
	rows = (
		frappe.qb.from_(calendar)
		.left_join(holiday_list)
		.on(holiday_list.name == calendar.holiday_list)
		.select(calendar.modified, holiday_list.modified)
		.where(calendar.name == calendar_name)
	).run()
	if not rows:
		frappe.throw(
			_("Working Calendar {0} does not exist").format(frappe.bold(calendar_name)),
			exc=MissingCalendarError,
		)
	return tuple(rows[0])


def _build(calendar_name: str) -> EngineCalendar:
	calendar = frappe.get_doc("Working Calendar", calendar_name)
	holiday_list = frappe.db.get_value(
		"Holiday List", calendar.holiday_list, ["from_date", "to_date"], as_dict=True
	)
	holidays = frappe.get_all(
		"Holiday", filters={"parent": calendar.holiday_list}, pluck="holiday_date", limit=0
	)
	extra_days = [
		getdate(row.work_date)
		for row in calendar.extra_working_days
		if holiday_list.from_date <= getdate(row.work_date) <= holiday_list.to_date
	]
	return working_time.build_calendar(
		holiday_list.from_date,
		holiday_list.to_date,
		holidays=holidays,
		extra_working_days=extra_days,
		morning_start=calendar.morning_start,
		morning_end=calendar.morning_end,
		afternoon_start=calendar.afternoon_start,
		afternoon_end=calendar.afternoon_end,
		cutoff_time=calendar.cutoff_time,
		saturday_morning=bool(calendar.saturday_morning),
	)


class MissingCalendarError(frappe.ValidationError):
	"""A unit with no Working Calendar cannot count a deadline."""


class CalendarOutOfRangeError(frappe.ValidationError):
	"""A deadline beyond the years the calendar's Holiday List covers."""


def calendar_of_unit(unit: str) -> str:
	calendar = frappe.get_cached_value("Administrative Unit", unit, "working_calendar")
	if not calendar:
		frappe.throw(
			_("Administrative Unit {0} has no Working Calendar: set one before receiving dossiers").format(
				frappe.bold(unit)
			),
			exc=MissingCalendarError,
			title=_("Missing Working Calendar"),
		)
	return calendar


def _out_of_range(calendar_name: str, error: working_time.CalendarRangeError) -> None:
	frappe.throw(
		_(
			"Working Calendar {0} does not cover {1}: extend its Holiday List with that year's holidays"
		).format(frappe.bold(calendar_name), frappe.format(error.date, "Date")),
		exc=CalendarOutOfRangeError,
		title=_("Calendar Out of Range"),
	)


def _instants(pauses) -> list:
	return [(get_datetime(a), get_datetime(b) if b else None) for a, b in pauses]


def compute_legal_due_at(
	calendar_name: str,
	received_at,
	processing_time: float,
	time_unit: str,
	supplements=(),
	payments=(),
	supplement_policy: str = working_time.POLICY_RESTART,
	now=None,
) -> datetime | None:
	"""A dossier's legal due instant, pauses of both kinds included (docs/rules.md, "Working time" rules 1-5)."""
	engine = get_engine_calendar(calendar_name)
	try:
		return engine.compute_legal_due(
			get_datetime(received_at),
			processing_time,
			time_unit,
			_instants(supplements),
			_instants(payments),
			supplement_policy,
			get_datetime(now) if now else None,
		)
	except working_time.CalendarRangeError as e:
		_out_of_range(calendar_name, e)


def compute_due_at(
	calendar_name: str,
	received_at,
	processing_time: float,
	time_unit: str,
	pauses=(),
	policy: str = working_time.POLICY_RESTART,
	now=None,
) -> datetime | None:
	"""The legal due instant (docs/rules.md, "Working time"), with a translated error when the calendar does not cover it."""
	engine = get_engine_calendar(calendar_name)
	try:
		return engine.compute_due(
			get_datetime(received_at),
			processing_time,
			time_unit,
			pauses=_instants(pauses),
			policy=policy,
			now=get_datetime(now) if now else None,
		)
	except working_time.CalendarRangeError as e:
		_out_of_range(calendar_name, e)


@frappe.whitelist()
def preview_due(calendar: str, received_at: str, processing_time: float, time_unit: str) -> dict:
	"""For the Working Calendar form: when would a dossier received at `received_at` be due?"""
	frappe.has_permission("Working Calendar", "read", calendar, throw=True)
	if time_unit not in working_time.TIME_UNITS:
		frappe.throw(_("Time Unit must be Working Days or Working Hours"), exc=arguments.InvalidArgumentError)
	processing_time = arguments.number_value(processing_time, _("Processing Time"), maximum=3650)
	received = arguments.datetime_value(received_at, _("Received At"))
	engine = get_engine_calendar(calendar)
	due = compute_due_at(calendar, received, processing_time, time_unit)
	start = engine.start_instant(received)
	return {
		"start": format_datetime(start),
		"due": format_datetime(due),
		"start_at": str(start),
		"due_at": str(due),
	}
