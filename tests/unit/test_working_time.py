"""Unit tests for ward_admin.services.working_time (pure Python, no Frappe)."""

from __future__ import annotations

import pickle
from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ward_admin.services import working_time as wt
from ward_admin.services.working_time import (
	EARLY,
	LATE,
	ON_TIME,
	CalendarConfigError,
	CalendarRangeError,
	NotAWorkingDayError,
	WorkingCalendar,
	WorkingTimeArgumentError,
	build_calendar,
	compute_due,
	compute_legal_due,
	standard_week,
	timeliness,
)

D = datetime
DAYS = "Working Days"
HOURS = "Working Hours"


def _span(first: date, last: date) -> list[date]:
	return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# Non-working weekdays used by the tests (Labour Code 2019 Art 112 plus the announced swaps).
HOLIDAYS_2025 = [
	date(2025, 1, 1),
	*_span(date(2025, 1, 27), date(2025, 1, 31)),  # Tết Ất Tỵ: Sat 25/1 .. Sun 2/2
	date(2025, 4, 7),  # Giỗ Tổ Hùng Vương
	date(2025, 4, 30),
	date(2025, 5, 1),
	date(2025, 5, 2),  # swapped with Saturday 26/4
	date(2025, 9, 1),  # Quốc khánh: 2/9 plus the day before
	date(2025, 9, 2),
]
EXTRA_2025 = [date(2025, 4, 26)]  # compensatory Saturday (ngày làm bù) for Friday 2/5
HOLIDAYS_2026 = [
	date(2026, 1, 1),
	*_span(date(2026, 2, 16), date(2026, 2, 20)),  # Tết Bính Ngọ: Sat 14/2 .. Sun 22/2
	date(2026, 4, 27),  # Giỗ Tổ (Sunday 26/4) moved to Monday
	date(2026, 4, 30),
	date(2026, 5, 1),
]

CAL = build_calendar(
	"2025-01-01", "2027-12-31", holidays=HOLIDAYS_2025 + HOLIDAYS_2026, extra_working_days=EXTRA_2025
)
CAL_SAT = build_calendar(
	date(2025, 1, 1),
	date(2027, 12, 31),
	holidays=HOLIDAYS_2025 + HOLIDAYS_2026,
	extra_working_days=EXTRA_2025,
	saturday_morning=True,
)


# -- legal examples -----------------------------------------------------------------------


@pytest.mark.parametrize(
	("received", "n", "unit", "expected"),
	[
		# docs/rules.md, "Working time" rule 2: received Monday 10:00 on a 3-day procedure -> due Thursday 10:00
		(D(2026, 1, 5, 10, 0), 3, DAYS, D(2026, 1, 8, 10, 0)),
		# Friday 16:00 before Tết 2026 (after the cut-off): start Monday 23/2 07:30, 22.5 h later
		# lands on a session boundary -> the end of Wednesday's afternoon, not Thursday 07:30
		(D(2026, 2, 13, 16, 0), 3, DAYS, D(2026, 2, 25, 17, 0)),
		# Friday 10:00 before Tết: the rest of Friday counts, Tết week does not
		(D(2026, 2, 13, 10, 0), 3, DAYS, D(2026, 2, 25, 10, 0)),
		# same-day certification received 15:30 (after the 15:00 cut-off) -> next working day's close
		(D(2026, 1, 6, 15, 30), 0, DAYS, D(2026, 1, 7, 17, 0)),
		# exactly at the cut-off counts as after it
		(D(2026, 1, 6, 15, 0), 0, DAYS, D(2026, 1, 7, 17, 0)),
		(D(2026, 1, 6, 14, 59, 59), 0, DAYS, D(2026, 1, 6, 17, 0)),
		# same day received 10:00 -> 17:00 the same day
		(D(2026, 1, 6, 10, 0), 0, DAYS, D(2026, 1, 6, 17, 0)),
		# same day received Friday after the cut-off -> Monday's close
		(D(2026, 1, 9, 16, 0), 0, DAYS, D(2026, 1, 12, 17, 0)),
		# received over lunch: start 13:30; one day later lands on the morning's end (boundary rule)
		(D(2026, 1, 5, 12, 0), 1, DAYS, D(2026, 1, 6, 11, 30)),
		(D(2026, 1, 5, 12, 0), 0, DAYS, D(2026, 1, 5, 17, 0)),
		# received before opening: start 07:30; 7.5 h later is 17:00 the same day, not Tuesday 07:30
		(D(2026, 1, 5, 6, 45), 1, DAYS, D(2026, 1, 5, 17, 0)),
		(D(2026, 1, 5, 6, 45), 2, DAYS, D(2026, 1, 6, 17, 0)),
		# received on a Sunday -> Monday opening
		(D(2026, 1, 4, 10, 0), 1, DAYS, D(2026, 1, 5, 17, 0)),
		# received on New Year's Day (holiday, Thursday) -> Friday opening
		(D(2026, 1, 1, 9, 0), 0, DAYS, D(2026, 1, 2, 17, 0)),
		# compensatory Saturday 26/4/2025 is a working day with the standard sessions;
		# 30/4, 1/5 and 2/5 (swapped) are not
		(D(2025, 4, 25, 10, 0), 1, DAYS, D(2025, 4, 26, 10, 0)),
		(D(2025, 4, 25, 10, 0), 3, DAYS, D(2025, 4, 29, 10, 0)),
		(D(2025, 4, 25, 10, 0), 4, DAYS, D(2025, 5, 5, 10, 0)),
		(D(2025, 4, 26, 9, 0), 0, DAYS, D(2025, 4, 26, 17, 0)),
		(D(2025, 4, 25, 16, 0), 1, DAYS, D(2025, 4, 26, 17, 0)),
		# 2/9 with its adjacent day (Mon 1/9 + Tue 2/9 2025)
		(D(2025, 8, 29, 10, 0), 1, DAYS, D(2025, 9, 3, 10, 0)),
		(D(2025, 8, 29, 15, 30), 0, DAYS, D(2025, 9, 3, 17, 0)),
		# working hours: across lunch
		(D(2026, 1, 5, 10, 0), 4, HOURS, D(2026, 1, 5, 16, 0)),
		(D(2026, 1, 5, 10, 0), 1.5, HOURS, D(2026, 1, 5, 11, 30)),
		(D(2026, 1, 5, 11, 0), 1, HOURS, D(2026, 1, 5, 14, 0)),
		# working hours: overnight and over a weekend
		(D(2026, 1, 5, 14, 0), 8, HOURS, D(2026, 1, 6, 14, 30)),
		(D(2026, 1, 5, 16, 0), 8, HOURS, D(2026, 1, 7, 8, 0)),  # after the cut-off: starts Tuesday
		(D(2026, 1, 9, 14, 0), 5, HOURS, D(2026, 1, 12, 9, 30)),
		(D(2026, 1, 5, 7, 30), 7.5, HOURS, D(2026, 1, 5, 17, 0)),
		# 0 working hours: due at the start instant
		(D(2026, 1, 5, 12, 0), 0, HOURS, D(2026, 1, 5, 13, 30)),
		# fractional working days
		(D(2026, 1, 5, 7, 30), 0.5, DAYS, D(2026, 1, 5, 11, 15)),
	],
)
def test_due_examples(received: datetime, n: float, unit: str, expected: datetime) -> None:
	assert compute_due(CAL, received, n, unit) == expected


@pytest.mark.parametrize(
	("received", "n", "expected_start", "expected_due"),
	[
		# Friday after the cut-off -> Saturday morning; 4 h Saturday + 3.5 h Monday
		(D(2026, 1, 9, 16, 0), 1, D(2026, 1, 10, 7, 30), D(2026, 1, 12, 11, 0)),
		# Saturday 10:00: same day closes at 11:30
		(D(2026, 1, 10, 10, 0), 0, D(2026, 1, 10, 10, 0), D(2026, 1, 10, 11, 30)),
		# Saturday 12:00 is before the cut-off but after the close -> Monday opening
		(D(2026, 1, 10, 12, 0), 0, D(2026, 1, 12, 7, 30), D(2026, 1, 12, 17, 0)),
		# Sunday stays closed
		(D(2026, 1, 11, 9, 0), 1, D(2026, 1, 12, 7, 30), D(2026, 1, 12, 17, 0)),
	],
)
def test_saturday_morning_pattern(
	received: datetime, n: int, expected_start: datetime, expected_due: datetime
) -> None:
	assert CAL_SAT.full_day_seconds == 7.5 * 3600
	assert CAL_SAT.start_instant(received) == expected_start
	assert compute_due(CAL_SAT, received, n, DAYS) == expected_due


def test_compensatory_saturday_uses_standard_sessions_with_saturday_pattern() -> None:
	assert CAL_SAT.close_of_day(date(2025, 4, 26)) == D(2025, 4, 26, 17, 0)
	assert CAL_SAT.close_of_day(date(2025, 4, 19)) == D(2025, 4, 19, 11, 30)


@pytest.mark.parametrize(
	("received", "expected"),
	[
		(D(2026, 1, 5, 6, 0), D(2026, 1, 5, 7, 30)),  # before opening
		(D(2026, 1, 5, 7, 30), D(2026, 1, 5, 7, 30)),  # at opening
		(D(2026, 1, 5, 9, 15, 7, 12), D(2026, 1, 5, 9, 15, 7, 12)),  # inside a session
		(D(2026, 1, 5, 11, 30), D(2026, 1, 5, 13, 30)),  # at the morning's end
		(D(2026, 1, 5, 12, 0), D(2026, 1, 5, 13, 30)),  # over lunch
		(D(2026, 1, 5, 14, 59), D(2026, 1, 5, 14, 59)),  # just before the cut-off
		(D(2026, 1, 5, 15, 0), D(2026, 1, 6, 7, 30)),  # at the cut-off
		(D(2026, 1, 5, 23, 59), D(2026, 1, 6, 7, 30)),  # at night
		(D(2026, 1, 10, 9, 0), D(2026, 1, 12, 7, 30)),  # Saturday
		(D(2026, 2, 13, 16, 0), D(2026, 2, 23, 7, 30)),  # before Tết
		(D(2026, 2, 17, 9, 0), D(2026, 2, 23, 7, 30)),  # during Tết
	],
)
def test_start_instant(received: datetime, expected: datetime) -> None:
	assert CAL.start_instant(received) == expected


# -- pauses -------------------------------------------------------------------------------


def test_pause_policy_counts_only_working_time_over_a_weekend() -> None:
	received = D(2026, 1, 8, 9, 0)  # Thursday
	assert compute_due(CAL, received, 3, DAYS) == D(2026, 1, 13, 9, 0)
	pause = (D(2026, 1, 9, 15, 0), D(2026, 1, 12, 9, 0))  # Friday 15:00 .. Monday 09:00
	assert CAL.working_seconds_between(*pause) == 3.5 * 3600  # not 66 h of wall-clock time
	assert compute_due(CAL, received, 3, DAYS, [pause], policy="Pause") == D(2026, 1, 13, 14, 30)
	# the same pause still open, measured up to now = its end
	open_pause = (pause[0], None)
	assert compute_due(CAL, received, 3, DAYS, [open_pause], "Pause", now=pause[1]) == D(2026, 1, 13, 14, 30)
	# the brief's formula: due = add(start, limit + working time inside the pause)
	start = CAL.start_instant(received)
	assert CAL.add_working_seconds(start, 3 * CAL.full_day_seconds + 3.5 * 3600) == D(2026, 1, 13, 14, 30)


def test_pause_policy_edge_cases() -> None:
	received = D(2026, 1, 5, 10, 0)  # Monday; 1 working day -> Tuesday 10:00
	due = D(2026, 1, 6, 10, 0)
	# a pause beginning at or after the due instant does not move it
	assert compute_due(CAL, received, 1, DAYS, [(due, D(2026, 1, 7, 10, 0))], "Pause") == due
	assert compute_due(CAL, received, 1, DAYS, [(D(2026, 1, 6, 14), D(2026, 1, 7, 9))], "Pause") == due
	# a pause before the clock starts (received after the cut-off) counts nothing
	late = D(2026, 1, 9, 16, 0)
	pause = (D(2026, 1, 9, 16, 10), D(2026, 1, 9, 16, 50))
	assert compute_due(CAL, late, 1, DAYS, [pause], "Pause") == compute_due(CAL, late, 1, DAYS)
	# overlapping pauses count once: 09:00..11:00 and 10:00..11:30 pause 2.5 h together
	pauses = [(D(2026, 1, 6, 9, 0), D(2026, 1, 6, 11, 0)), (D(2026, 1, 6, 10, 0), D(2026, 1, 6, 11, 30))]
	assert compute_due(CAL, received, 1, DAYS, pauses, "Pause") == CAL.add_working_seconds(due, 2.5 * 3600)
	# same day under the Pause policy: the close moves by the paused working time
	same_day = compute_due(CAL, received, 0, DAYS, [(D(2026, 1, 5, 14), D(2026, 1, 6, 9))], "Pause")
	assert same_day == D(2026, 1, 6, 14, 0)
	# an open pause needs now
	with pytest.raises(WorkingTimeArgumentError):
		compute_due(CAL, received, 1, DAYS, [(D(2026, 1, 5, 14), None)], "Pause")
	# now before the pause began: nothing paused yet
	assert compute_due(CAL, received, 1, DAYS, [(D(2026, 1, 5, 14), None)], "Pause", now=received) == due


def test_restart_policy_after_supplement() -> None:
	received = D(2026, 1, 5, 9, 0)
	supplement_requested = D(2026, 1, 6, 10, 0)
	# supplement arrives Thursday 10:00: the full 3 days run again from then
	pauses = [(supplement_requested, D(2026, 1, 8, 10, 0))]
	assert compute_due(CAL, received, 3, DAYS, pauses) == D(2026, 1, 13, 10, 0)
	assert compute_due(CAL, received, 3, DAYS, pauses, policy="Restart") == D(2026, 1, 13, 10, 0)
	# supplement arrives after the cut-off: rule 1 applies again -> start Friday 07:30
	pauses = [(supplement_requested, D(2026, 1, 8, 16, 0))]
	assert compute_due(CAL, received, 3, DAYS, pauses) == D(2026, 1, 13, 17, 0)
	# two supplement rounds: the last one counts
	pauses = [(supplement_requested, D(2026, 1, 7, 9, 0)), (D(2026, 1, 7, 10, 0), D(2026, 1, 9, 10, 0))]
	assert compute_due(CAL, received, 3, DAYS, pauses) == D(2026, 1, 14, 10, 0)
	# still waiting: the clock is not running
	assert compute_due(CAL, received, 3, DAYS, [(supplement_requested, None)]) is None
	# same-day procedure after a supplement received at 15:30 -> next working day's close
	assert compute_due(CAL, received, 0, DAYS, [(supplement_requested, D(2026, 1, 6, 15, 30))]) == D(
		2026, 1, 7, 17, 0
	)


# -- timeliness ---------------------------------------------------------------------------


@pytest.mark.parametrize(
	("resolved", "expected"),
	[
		(D(2026, 2, 24, 16, 0), EARLY),
		(D(2026, 2, 13, 16, 30), EARLY),
		(D(2026, 2, 25, 8, 0), ON_TIME),
		(D(2026, 2, 25, 17, 0), ON_TIME),  # exactly at due_at
		(D(2026, 2, 25, 17, 0, 0, 1), LATE),
		(D(2026, 2, 25, 23, 0), LATE),
		(D(2026, 2, 26, 8, 0), LATE),
	],
)
def test_timeliness(resolved: datetime, expected: str) -> None:
	due = compute_due(CAL, D(2026, 2, 13, 16, 0), 3, DAYS)
	assert due == D(2026, 2, 25, 17, 0)
	assert timeliness(resolved, due) == expected


# -- day-level helpers and errors ------------------------------------------------------------


def test_day_helpers() -> None:
	assert CAL.is_working_day(date(2026, 2, 13))
	assert not CAL.is_working_day(date(2026, 2, 16))  # Tết
	assert not CAL.is_working_day(date(2026, 2, 14))  # Saturday
	assert CAL.is_working_day(date(2025, 4, 26))  # compensatory Saturday
	assert CAL.is_working_day(D(2025, 4, 26, 20, 0))  # a datetime counts as its date
	assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)
	assert CAL.next_working_day(date(2026, 2, 17)) == date(2026, 2, 23)
	assert CAL.close_of_day(date(2026, 2, 23)) == D(2026, 2, 23, 17, 0)
	assert CAL.opening_of_day(date(2026, 2, 23)) == D(2026, 2, 23, 7, 30)
	with pytest.raises(NotAWorkingDayError) as info:
		CAL.close_of_day(date(2026, 2, 14))
	assert info.value.date == date(2026, 2, 14)
	# "at least one working day before due" for a due on Monday 23/2 (after Tết) is Friday 13/2
	assert CAL.add_working_days_date(date(2026, 2, 23), -1) == date(2026, 2, 13)
	assert CAL.add_working_days_date(date(2026, 2, 13), 1) == date(2026, 2, 23)
	assert CAL.add_working_days_date(date(2026, 2, 13), 0) == date(2026, 2, 13)
	assert CAL.add_working_days_date(date(2026, 2, 14), 0) == date(2026, 2, 23)
	assert CAL.add_working_days_date(date(2026, 2, 14), 1) == date(2026, 2, 23)
	assert CAL.add_working_days_date(date(2026, 2, 14), -1) == date(2026, 2, 13)
	assert CAL.add_working_days_date(date(2025, 4, 25), 2) == date(2025, 4, 28)
	assert CAL.working_seconds_between(D(2026, 1, 5, 10), D(2026, 1, 5, 9)) == 0
	assert CAL.working_seconds_between(D(2026, 1, 5, 10), D(2026, 1, 6, 10)) == 7.5 * 3600
	assert CAL.add_working_seconds(D(2026, 1, 10, 9), 0) == D(2026, 1, 10, 9)
	assert CAL.add_working_seconds(D(2026, 1, 10, 9), 60) == D(2026, 1, 12, 7, 31)


def test_range_errors_carry_the_date() -> None:
	cal = build_calendar("2026-01-01", "2026-01-31")
	with pytest.raises(CalendarRangeError) as info:
		compute_due(cal, D(2025, 12, 31, 10), 1, DAYS)
	assert info.value.date == date(2025, 12, 31)
	with pytest.raises(CalendarRangeError) as info:
		compute_due(cal, D(2026, 1, 28, 10), 5, DAYS)
	assert info.value.date == date(2026, 2, 1)
	with pytest.raises(CalendarRangeError) as info:
		cal.start_instant(D(2026, 1, 30, 16))  # Friday after the cut-off, calendar ends Saturday
	assert info.value.date == date(2026, 2, 1)
	with pytest.raises(CalendarRangeError):
		cal.is_working_day(date(2026, 2, 1))
	with pytest.raises(CalendarRangeError):
		cal.next_working_day(date(2026, 1, 30))
	with pytest.raises(CalendarRangeError) as info:
		cal.add_working_days_date(date(2026, 1, 2), -2)
	assert info.value.date == date(2025, 12, 31)
	with pytest.raises(CalendarRangeError):
		cal.working_seconds_between(D(2026, 1, 5), D(2026, 2, 1))
	assert isinstance(info.value, ValueError)


@pytest.mark.parametrize(
	"kwargs",
	[
		{"morning_start": "11:30", "morning_end": "07:30"},
		{"morning_end": "14:00"},  # overlaps the afternoon
		{"afternoon_end": "25:00"},
		{"cutoff_time": "15h"},
		{"morning_start": None, "afternoon_start": None},
		{"holidays": ["2026-13-01"]},
	],
)
def test_config_errors(kwargs: dict) -> None:
	with pytest.raises(CalendarConfigError):
		build_calendar("2026-01-01", "2026-12-31", **kwargs)


def test_argument_errors() -> None:
	with pytest.raises(CalendarConfigError):
		WorkingCalendar(date(2026, 2, 1), date(2026, 1, 1))
	with pytest.raises(WorkingTimeArgumentError):
		compute_due(CAL, D(2026, 1, 5, 10), 1, "Days")
	with pytest.raises(WorkingTimeArgumentError):
		compute_due(CAL, D(2026, 1, 5, 10), 1, DAYS, policy="Stop")
	with pytest.raises(WorkingTimeArgumentError):
		compute_due(CAL, D(2026, 1, 5, 10), -1, DAYS)
	with pytest.raises(WorkingTimeArgumentError):
		compute_due(CAL, D(2026, 1, 5, 10), 1, DAYS, [(D(2026, 1, 6), D(2026, 1, 5))], "Pause")
	with pytest.raises(WorkingTimeArgumentError):
		CAL.add_working_seconds(D(2026, 1, 5, 10), -1)


def test_frappe_style_inputs_and_pickle() -> None:
	# Time fields come back from the database as timedelta, dates may be ISO strings; an ERPNext
	# Holiday List also lists weekly offs, and an extra working day wins over them
	cal = build_calendar(
		"2026-01-01",
		"2026-03-31",
		holidays=["2026-01-10", "2026-01-11", date(2026, 1, 1)],
		extra_working_days=["2026-01-10"],
		morning_start=timedelta(hours=7, minutes=30),
		morning_end="11:30:00",
		afternoon_start=time(13, 30),
		afternoon_end="17:00:00.000000",
		cutoff_time=timedelta(hours=15),
	)
	assert cal.cutoff_time == time(15, 0)
	assert cal.is_working_day(date(2026, 1, 10))
	assert cal.close_of_day(date(2026, 1, 10)) == D(2026, 1, 10, 17, 0)
	assert compute_due(cal, D(2026, 1, 9, 16), 0, DAYS) == D(2026, 1, 10, 17, 0)
	clone = pickle.loads(pickle.dumps(cal))
	assert compute_due(clone, D(2026, 1, 9, 16), 2, DAYS) == compute_due(cal, D(2026, 1, 9, 16), 2, DAYS)
	# no cut-off
	nocut = build_calendar("2026-01-01", "2026-01-31", cutoff_time=None)
	assert nocut.cutoff_time is None
	assert compute_due(nocut, D(2026, 1, 5, 16, 30), 0, DAYS) == D(2026, 1, 5, 17, 0)
	assert standard_week(saturday_morning=True)[5] == [(time(7, 30), time(11, 30))]


# -- property tests -----------------------------------------------------------------------

PROPS = settings(max_examples=300, deadline=None)

_BOUNDARIES = [time(0), time(7, 30), time(11, 30), time(13, 30), time(15, 0), time(17, 0), time(23, 59)]
_days = st.integers(min_value=0, max_value=729).map(lambda i: date(2025, 1, 1) + timedelta(days=i))
instants = st.one_of(
	st.datetimes(min_value=D(2025, 1, 1), max_value=D(2026, 12, 31, 23, 59, 59)),
	st.builds(datetime.combine, _days, st.sampled_from(_BOUNDARIES)),
	st.builds(
		lambda d, m: datetime.combine(d, time()) + timedelta(minutes=m),
		_days,
		st.integers(min_value=0, max_value=24 * 60 - 1),
	),
)
seconds = st.one_of(
	st.integers(min_value=0, max_value=30 * 27000),
	st.sampled_from([0, 1800, 3600, 4 * 3600, 27000, 2 * 27000]),
)
durations = st.one_of(
	st.tuples(st.integers(min_value=0, max_value=15), st.just(DAYS)),
	st.tuples(st.integers(min_value=1, max_value=40), st.just(HOURS)),
)


def _is_working_instant(cal: WorkingCalendar, instant: datetime) -> bool:
	return cal.is_working_day(instant.date()) and cal.is_working_instant(instant)


@PROPS
@given(instants, seconds)
def test_add_then_measure(a: datetime, s: int) -> None:
	b = CAL.add_working_seconds(a, s)
	assert b >= a
	assert CAL.working_seconds_between(a, b) == s
	assert CAL.position(b) - CAL.position(a) == s * 1_000_000
	if s > 0:
		assert _is_working_instant(CAL, b)
		# earliest such instant: one microsecond earlier is short of s
		assert CAL.working_seconds_between(a, b - timedelta(microseconds=1)) < s


@PROPS
@given(instants, seconds, seconds)
def test_add_is_associative(a: datetime, x: int, y: int) -> None:
	# exact as instants, thanks to the "earliest instant" convention and integer microseconds
	assert CAL.add_working_seconds(a, x + y) == CAL.add_working_seconds(CAL.add_working_seconds(a, x), y)


@PROPS
@given(instants, st.integers(min_value=0, max_value=10**13))
def test_position_round_trip(a: datetime, p: int) -> None:
	p = min(p, CAL.position(D(2027, 12, 31, 23)))
	assert CAL.position(CAL.instant_at(p)) == p
	t = CAL.instant_at(CAL.position(a))
	assert t <= a or CAL.position(a) == 0
	assert CAL.working_seconds_between(t, a) == 0


@PROPS
@given(instants)
def test_start_is_a_working_instant_not_before_receipt(received: datetime) -> None:
	start = CAL.start_instant(received)
	assert start >= received
	assert _is_working_instant(CAL, start)
	assert start < CAL.close_of_day(start.date())
	cutoff_passed = received.time() >= time(15, 0) or not CAL.is_working_day(received.date())
	if cutoff_passed:
		assert start == CAL.opening_of_day(CAL.next_working_day(received.date()))
	else:
		assert start.date() >= received.date()
		assert CAL.working_seconds_between(received, start) == 0


@PROPS
@given(instants, durations, st.booleans())
def test_due_is_a_working_instant(received: datetime, duration: tuple[int, str], saturday: bool) -> None:
	cal = CAL_SAT if saturday else CAL
	n, unit = duration
	due = compute_due(cal, received, n, unit)
	start = cal.start_instant(received)
	assert _is_working_instant(cal, due)
	assert due >= start
	unit_seconds = cal.full_day_seconds if unit == DAYS else 3600
	if n > 0:
		assert cal.working_seconds_between(start, due) == n * unit_seconds
	elif unit == DAYS:
		assert due == cal.close_of_day(start.date())


@PROPS
@given(instants, instants, durations)
def test_due_is_monotonic_in_receipt(r1: datetime, r2: datetime, duration: tuple[int, str]) -> None:
	r1, r2 = min(r1, r2), max(r1, r2)
	n, unit = duration
	assert compute_due(CAL, r1, n, unit) <= compute_due(CAL, r2, n, unit)
	assert CAL.start_instant(r1) <= CAL.start_instant(r2)


@PROPS
@given(instants, st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=40))
def test_due_is_monotonic_in_duration(received: datetime, n1: int, n2: int) -> None:
	n1, n2 = min(n1, n2), max(n1, n2)
	for unit in (DAYS, HOURS):
		assert compute_due(CAL, received, n1, unit) <= compute_due(CAL, received, n2, unit)


@PROPS
@given(
	instants,
	durations,
	st.floats(min_value=0, max_value=1, exclude_max=True),
	st.integers(min_value=0, max_value=5 * 24 * 3600),
)
def test_pause_policy_adds_working_time_inside_the_pause(
	received: datetime, duration: tuple[int, str], where: float, length: int
) -> None:
	n, unit = duration
	due0 = compute_due(CAL, received, n, unit)
	start = CAL.start_instant(received)
	pause_start = start + timedelta(microseconds=int((due0 - start) / timedelta(microseconds=1) * where))
	assume(start <= pause_start < due0)
	pause = (pause_start, pause_start + timedelta(seconds=length))
	due = compute_due(CAL, received, n, unit, [pause], policy="Pause")
	limit = CAL.working_seconds_between(start, due0)
	assume(limit > 0)
	assert due == CAL.add_working_seconds(start, limit + CAL.working_seconds_between(*pause))
	assert compute_due(CAL, received, n, unit, [(pause_start, None)], "Pause", now=pause[1]) == due


@PROPS
@given(instants, durations, instants, instants)
def test_restart_policy_restarts_from_the_last_supplement(
	received: datetime, duration: tuple[int, str], p1: datetime, p2: datetime
) -> None:
	n, unit = duration
	received, p1, p2 = sorted((received, p1, p2))
	assert compute_due(CAL, received, n, unit, [(p1, p2)]) == compute_due(CAL, p2, n, unit)
	assert compute_due(CAL, received, n, unit, [(p1, None)]) is None


@PROPS
@given(instants, instants)
def test_timeliness_boundaries(resolved: datetime, due: datetime) -> None:
	result = timeliness(resolved, due)
	assert (result == LATE) == (resolved > due)
	assert (result == EARLY) == (resolved.date() < due.date())
	assert timeliness(due, due) == ON_TIME


# -- cross-check against a day-by-day reference on random calendars ---------------------------

_Q = timedelta(minutes=15)


def _mask_to_sessions(mask: int) -> list[tuple[timedelta, timedelta]]:
	"""Quarter hours whose bit is set are working; runs of them become sessions."""
	sessions: list[tuple[timedelta, timedelta]] = []
	q = 0
	while q < 96:
		if mask >> q & 1:
			r = q
			while r < 96 and mask >> r & 1:
				r += 1
			sessions.append((q * _Q, r * _Q))
			q = r
		else:
			q += 1
	return sessions


_H = timedelta(hours=1)
_DAY_PATTERNS = st.one_of(
	st.sampled_from(
		[
			[],
			[(7.5 * _H, 11.5 * _H), (13.5 * _H, 17 * _H)],
			[(7.5 * _H, 11.5 * _H)],
			[(0 * _H, 1 * _H), (23 * _H, 24 * _H)],  # sessions touching midnight
			[(8 * _H, 12 * _H), (12 * _H, 13 * _H)],  # touching sessions
			[(14.25 * _H, 18 * _H)],  # opens after a 15:00 cut-off would apply
		]
	),
	st.integers(min_value=0, max_value=2**96 - 1).map(_mask_to_sessions),
)


@st.composite
def random_calendars(draw: st.DrawFn) -> tuple[WorkingCalendar, dict]:
	first = date(2026, 1, 1)
	ndays = draw(st.integers(min_value=10, max_value=40))
	week = {weekday: draw(_DAY_PATTERNS) for weekday in range(7)}
	bits = st.integers(min_value=0, max_value=2**ndays - 1)
	holiday_mask = draw(bits) & draw(bits)  # about a quarter of the days
	extra_mask = draw(bits) & draw(bits) & draw(bits)
	holidays = {first + timedelta(days=i) for i in range(ndays) if holiday_mask >> i & 1}
	extra = {first + timedelta(days=i) for i in range(ndays) if extra_mask >> i & 1}
	cutoff = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=96).map(lambda q: q * _Q)))
	standard = week[0] or max(week.values(), key=lambda ss: sum((e - b for b, e in ss), timedelta()))
	assume(standard)
	cal = WorkingCalendar(first, first + timedelta(days=ndays - 1), week, holidays, extra, cutoff)
	spec = {
		"first": first,
		"last": first + timedelta(days=ndays - 1),
		"week": week,
		"holidays": holidays,
		"extra": extra,
		"cutoff": cutoff,
		"standard": standard,
	}
	return cal, spec


def _ref_sessions(spec: dict, d: date) -> list[tuple[datetime, datetime]]:
	"""Reference: one day's sessions as datetimes, straight from the raw inputs."""
	if d in spec["extra"]:
		day = spec["standard"]
	elif d in spec["holidays"]:
		day = []
	else:
		day = spec["week"][d.weekday()]
	midnight = datetime.combine(d, time())
	return [(midnight + b, midnight + e) for b, e in day]


def _ref_walk(spec: dict, frm: date):
	d = frm
	while d <= spec["last"]:
		yield from _ref_sessions(spec, d)
		d += timedelta(days=1)


def _ref_between(spec: dict, a: datetime, b: datetime) -> timedelta:
	total = timedelta()
	for s, e in _ref_walk(spec, a.date()):
		if s >= b:
			break
		lo, hi = max(s, a), min(e, b)
		if hi > lo:
			total += hi - lo
	return total


def _ref_start(spec: dict, received: datetime) -> datetime | None:
	d = received.date()
	cutoff = spec["cutoff"]
	before_cutoff = cutoff is None or received - datetime.combine(d, time()) < cutoff
	if _ref_sessions(spec, d) and before_cutoff:
		for s, e in _ref_walk(spec, d):
			if e > received:
				return max(s, received)
		return None
	for s, _e in _ref_walk(spec, d + timedelta(days=1)):
		return s
	return None


def _ref_add(spec: dict, start: datetime, amount: timedelta) -> datetime | None:
	for s, e in _ref_walk(spec, start.date()):
		if e <= start:
			continue
		lo = max(s, start)
		if amount <= e - lo:
			return lo + amount
		amount -= e - lo
	return None


@PROPS
@given(random_calendars(), st.data())
def test_matches_day_by_day_reference(cal_spec: tuple[WorkingCalendar, dict], data: st.DataObject) -> None:
	cal, spec = cal_spec
	lo, hi = datetime.combine(spec["first"], time()), datetime.combine(spec["last"], time(23, 59))
	a = data.draw(st.datetimes(min_value=lo, max_value=hi))
	b = data.draw(st.datetimes(min_value=lo, max_value=hi))
	expected = _ref_between(spec, a, b) if b > a else timedelta()
	assert cal.working_seconds_between(a, b) == expected.total_seconds()

	start = _ref_start(spec, a)
	if start is None:
		with pytest.raises(CalendarRangeError):
			cal.start_instant(a)
		return
	assert cal.start_instant(a) == start
	hours = data.draw(st.integers(min_value=0, max_value=30))
	expected_due = _ref_add(spec, start, timedelta(hours=hours)) if hours else start
	if expected_due is None:
		with pytest.raises(CalendarRangeError):
			compute_due(cal, a, hours, HOURS)
	else:
		assert compute_due(cal, a, hours, HOURS) == expected_due
	days = data.draw(st.integers(min_value=1, max_value=5))
	expected_due = _ref_add(spec, start, days * timedelta(microseconds=cal.full_day_us))
	if expected_due is None:
		with pytest.raises(CalendarRangeError):
			compute_due(cal, a, days, DAYS)
	else:
		assert compute_due(cal, a, days, DAYS) == expected_due
	close = max(e for s, e in _ref_sessions(spec, start.date()))
	assert compute_due(cal, a, 0, DAYS) == close


# -- both kinds of pause (compute_legal_due) ---------------------------------------------


def test_restart_counts_from_the_complete_dossier_and_payment_still_pauses():
	received = D(2026, 3, 2, 10, 0)  # Monday
	supplement = (D(2026, 3, 2, 14, 0), D(2026, 3, 4, 10, 0))
	payment = (D(2026, 3, 5, 8, 0), D(2026, 3, 5, 10, 0))
	# complete Wednesday 10:00: three working days run again -> Monday 10:00, plus the 2 working
	# hours waited for payment -> 14:00 (the lunch break does not count)
	assert compute_legal_due(CAL, received, 3, DAYS, [supplement], [payment]) == D(2026, 3, 9, 14, 0)
	# a payment pause before the restart is swallowed by it
	early = (D(2026, 3, 2, 11, 0), D(2026, 3, 2, 12, 0))
	assert compute_legal_due(CAL, received, 3, DAYS, [supplement], [early]) == D(2026, 3, 9, 10, 0)


def test_an_open_supplement_stops_the_clock_under_restart():
	open_supplement = (D(2026, 3, 2, 14, 0), None)
	assert compute_legal_due(CAL, D(2026, 3, 2, 10, 0), 3, DAYS, [open_supplement]) is None


def _pauses_after(start: datetime):
	return st.lists(
		st.tuples(st.integers(min_value=0, max_value=20 * 24), st.integers(min_value=0, max_value=72)).map(
			lambda p: (start + timedelta(hours=p[0]), start + timedelta(hours=p[0] + p[1]))
		),
		max_size=2,
	)


@PROPS
@given(data=st.data())
def test_one_implementation_of_rule_5(data) -> None:
	"""compute_legal_due is compute_due's own policy when the pauses are of one kind."""
	received = data.draw(st.datetimes(min_value=D(2025, 1, 1), max_value=D(2026, 10, 1)))
	supplements = data.draw(_pauses_after(received))
	payments = data.draw(_pauses_after(received))
	n, unit = data.draw(durations)
	for policy in ("Restart", "Pause"):
		assert compute_legal_due(CAL, received, n, unit, supplements, (), policy) == compute_due(
			CAL, received, n, unit, supplements, policy
		)
	assert compute_legal_due(CAL, received, n, unit, supplements, payments, "Pause") == compute_due(
		CAL, received, n, unit, supplements + payments, "Pause"
	)


def test_processing_days_leave_the_pauses_out() -> None:
	# received Monday 2 March 2026 10:00, resolved Tuesday 09:00: 1.5 h + 3.5 h + 1.5 h of 7.5 h days
	assert wt.processing_days(CAL, D(2026, 3, 2, 10, 0), D(2026, 3, 3, 9, 0)) == round(6.5 / 7.5, 2)
	# a supplement awaited Monday 13:30-15:30 (2 working hours) is left out
	paused = [(D(2026, 3, 2, 13, 30), D(2026, 3, 2, 15, 30))]
	assert wt.processing_days(CAL, D(2026, 3, 2, 10, 0), D(2026, 3, 3, 9, 0), paused) == round(4.5 / 7.5, 2)
	# an open pause counts up to the end; received after the cut-off, the clock starts next morning
	assert wt.processing_days(
		CAL, D(2026, 3, 2, 10, 0), D(2026, 3, 2, 11, 0), [(D(2026, 3, 2, 10, 30), None)]
	) == round(0.5 / 7.5, 2)
	assert wt.processing_days(CAL, D(2026, 3, 2, 16, 0), D(2026, 3, 3, 7, 30)) == 0.0


@settings(max_examples=200, deadline=None)
@given(
	received=st.datetimes(min_value=D(2026, 3, 1), max_value=D(2026, 6, 30)),
	hours=st.integers(min_value=0, max_value=24 * 40),
	pause_at=st.integers(min_value=0, max_value=24 * 40),
	pause_hours=st.integers(min_value=0, max_value=24 * 10),
)
def test_processing_days_properties(received, hours, pause_at, pause_hours) -> None:
	until = received + timedelta(hours=hours)
	plain = wt.processing_days(CAL, received, until)
	start = received + timedelta(hours=pause_at)
	paused = wt.processing_days(CAL, received, until, [(start, start + timedelta(hours=pause_hours))])
	assert 0 <= paused <= plain
	# never more than the calendar days it spans
	assert plain <= (until - received).days + 1
