"""Working-time engine: legal deadlines on a unit's working calendar.

Pure Python (stdlib only, no Frappe import). Instants are naive datetimes in local time
(Asia/Ho_Chi_Minh). Internally an instant is an integer number of microseconds since the start
of the calendar's range ("absolute time"), and its *working-time position* is the number of
working microseconds elapsed between the range start and that instant. Both conversions are a
single bisect over precomputed arrays, so every query is O(log n) in the number of sessions;
nothing walks day by day at query time.

Conventions (docs/rules.md, "Working time"):

- The calendar covers the dates ``from_date`` .. ``to_date`` inclusive. Any query or result
  outside that range raises :class:`CalendarRangeError`; its ``date`` attribute holds the date
  that is not covered.
- A day's sessions come from the weekly pattern, unless the date is a holiday (no sessions) or an
  extra working date (ngày làm bù: the *standard* weekday sessions, i.e. Monday's). An extra
  working date wins over a holiday, because an ERPNext Holiday List also lists weekly offs.
- "Full-day working time" is the length of the standard weekday (Monday's sessions; the longest
  weekday if Monday has none): 7.5 h for 07:30-11:30 + 13:30-17:00.
- Positions are mapped back to the *earliest* instant with that position: when elapsed working
  time lands exactly on a session boundary the END of the earlier session is returned
  (start Monday 07:30 + 7.5 h -> Monday 17:00, not Tuesday 07:30).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta

__all__ = [
	"DEFAULT_AFTERNOON",
	"DEFAULT_CUTOFF",
	"DEFAULT_MORNING",
	"EARLY",
	"LATE",
	"ON_TIME",
	"POLICIES",
	"POLICY_PAUSE",
	"POLICY_RESTART",
	"TIME_UNITS",
	"WORKING_DAYS",
	"WORKING_HOURS",
	"CalendarConfigError",
	"CalendarRangeError",
	"NotAWorkingDayError",
	"WorkingCalendar",
	"WorkingTimeArgumentError",
	"WorkingTimeError",
	"build_calendar",
	"compute_due",
	"standard_week",
	"timeliness",
]

WORKING_DAYS = "Working Days"
WORKING_HOURS = "Working Hours"
TIME_UNITS = (WORKING_DAYS, WORKING_HOURS)

POLICY_RESTART = "Restart"
POLICY_PAUSE = "Pause"
POLICIES = (POLICY_RESTART, POLICY_PAUSE)

EARLY = "Early"
ON_TIME = "On Time"
LATE = "Late"

DEFAULT_MORNING = (time(7, 30), time(11, 30))
DEFAULT_AFTERNOON = (time(13, 30), time(17, 0))
DEFAULT_CUTOFF = time(15, 0)

_US = 1_000_000
_HOUR_US = 3600 * _US
_DAY_US = 24 * _HOUR_US
_ONE_US = timedelta(microseconds=1)

TimeLike = time | timedelta | str
DateLike = date | str


class WorkingTimeError(Exception):
	"""Base class of the errors raised by this module."""


class CalendarConfigError(WorkingTimeError, ValueError):
	"""The calendar's inputs are inconsistent (bad session, bad range, bad time value)."""


class WorkingTimeArgumentError(WorkingTimeError, ValueError):
	"""A query argument is invalid (unknown time unit or policy, negative duration, ...)."""


class CalendarRangeError(WorkingTimeError, ValueError):
	"""A query or its result falls outside the calendar's date range; ``date`` is the uncovered date."""

	def __init__(self, message: str, date: date) -> None:
		super().__init__(message)
		self.date = date


class NotAWorkingDayError(WorkingTimeError, ValueError):
	"""A day-level query needs a working day; ``date`` is the offending date."""

	def __init__(self, message: str, date: date) -> None:
		super().__init__(message)
		self.date = date


def _time_us(value: TimeLike) -> int:
	"""Seconds-of-day of a time value in microseconds (time, timedelta or "HH:MM[:SS[.ffffff]]")."""
	if isinstance(value, time):
		if value.tzinfo is not None:
			raise CalendarConfigError(f"time {value} must be naive (local time)")
		return ((value.hour * 60 + value.minute) * 60 + value.second) * _US + value.microsecond
	if isinstance(value, timedelta):
		us = value // _ONE_US
	elif isinstance(value, str):
		parts = value.strip().split(":")
		try:
			if not 2 <= len(parts) <= 3:
				raise ValueError(value)
			hours, minutes = int(parts[0]), int(parts[1])
			seconds, frac = 0, 0
			if len(parts) == 3:
				sec_text, _, frac_text = parts[2].partition(".")
				seconds = int(sec_text)
				frac = int((frac_text + "000000")[:6]) if frac_text else 0
		except ValueError:
			raise CalendarConfigError(f"cannot read {value!r} as a time of day (HH:MM[:SS])")
		if minutes >= 60 or seconds >= 60:
			raise CalendarConfigError(f"cannot read {value!r} as a time of day (HH:MM[:SS])")
		us = ((hours * 60 + minutes) * 60 + seconds) * _US + frac
	else:
		raise CalendarConfigError(f"expected a time, timedelta or 'HH:MM' string, got {value!r}")
	if not 0 <= us <= _DAY_US:
		raise CalendarConfigError(f"time of day {value!r} is outside 00:00-24:00")
	return us


def _to_date(value: DateLike) -> date:
	"""A date from a date, datetime or ISO string."""
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, str):
		try:
			return date.fromisoformat(value.strip())
		except ValueError:
			raise CalendarConfigError(f"cannot read {value!r} as a date (YYYY-MM-DD)")
	raise CalendarConfigError(f"expected a date, got {value!r}")


def _sessions_us(
	day_sessions: Iterable[tuple[TimeLike, TimeLike]], label: str
) -> tuple[tuple[int, int], ...]:
	"""Validate one day's sessions and return them sorted as (start_us, end_us)."""
	out = sorted((_time_us(start), _time_us(end)) for start, end in day_sessions)
	prev_end = -1
	for start, end in out:
		if start >= end:
			raise CalendarConfigError(f"{label}: a session must end after it starts")
		if start < prev_end:
			raise CalendarConfigError(f"{label}: sessions overlap")
		prev_end = end
	return tuple(out)


def standard_week(
	morning: tuple[TimeLike, TimeLike] | None = DEFAULT_MORNING,
	afternoon: tuple[TimeLike, TimeLike] | None = DEFAULT_AFTERNOON,
	saturday_morning: bool = False,
) -> dict[int, list[tuple[TimeLike, TimeLike]]]:
	"""Weekly session pattern: Mon-Fri morning + afternoon, optionally Saturday morning only."""
	day = [s for s in (morning, afternoon) if s is not None]
	week: dict[int, list[tuple[TimeLike, TimeLike]]] = {wd: list(day) for wd in range(5)}
	if saturday_morning and morning is not None:
		week[5] = [morning]
	return week


class WorkingCalendar:
	"""A precomputed working calendar over [from_date, to_date]; all queries are O(log n).

	``weekly_sessions`` maps weekday (0 = Monday) to a list of (start, end) sessions; missing
	weekdays have no sessions. ``cutoff`` (None = no cut-off) is the time of day at or after which
	a receipt starts counting on the next working day. The object is immutable after construction
	and picklable, so the caller may cache it.
	"""

	__slots__ = (
		"_base",
		"_cum_end",
		"_cutoff_us",
		"_day_first",
		"_day_index",
		"_day_last",
		"_day_off",
		"_s_end",
		"_s_start",
		"_span_us",
		"_total",
		"cutoff_us",
		"from_date",
		"full_day_us",
		"to_date",
	)

	def __init__(
		self,
		from_date: DateLike,
		to_date: DateLike,
		weekly_sessions: Mapping[int, Iterable[tuple[TimeLike, TimeLike]]] | None = None,
		holidays: Iterable[DateLike] = (),
		extra_working_days: Iterable[DateLike] = (),
		cutoff: TimeLike | None = DEFAULT_CUTOFF,
	) -> None:
		self.from_date = _to_date(from_date)
		self.to_date = _to_date(to_date)
		if self.to_date < self.from_date:
			raise CalendarConfigError(
				f"calendar range ends ({self.to_date}) before it starts ({self.from_date})"
			)
		if weekly_sessions is None:
			weekly_sessions = standard_week()
		week: list[tuple[tuple[int, int], ...]] = [()] * 7
		for weekday, day_sessions in weekly_sessions.items():
			if weekday not in range(7):
				raise CalendarConfigError(f"weekday must be 0 (Monday) .. 6 (Sunday), got {weekday!r}")
			week[weekday] = _sessions_us(day_sessions, f"weekday {weekday}")
		standard = week[0] or max(week, key=lambda s: sum(e - b for b, e in s))
		self.full_day_us: int = sum(e - b for b, e in standard)
		self.cutoff_us: int | None = None if cutoff is None else _time_us(cutoff)
		self._cutoff_us = _DAY_US if self.cutoff_us is None else self.cutoff_us
		holiday_set = {_to_date(d) for d in holidays}
		extra_set = {_to_date(d) for d in extra_working_days}
		if extra_set and not standard:
			raise CalendarConfigError("extra working days need a weekly pattern with at least one session")

		self._base = datetime.combine(self.from_date, time())
		ndays = (self.to_date - self.from_date).days + 1
		self._span_us = ndays * _DAY_US
		s_start: list[int] = []
		s_end: list[int] = []
		cum_end: list[int] = []
		day_off: list[int] = []
		day_first: list[int] = []
		day_last: list[int] = []
		day_index: dict[int, int] = {}
		total = 0
		one_day = timedelta(days=1)
		d = self.from_date
		for off in range(ndays):
			if d in extra_set:
				day_sessions = standard
			elif d in holiday_set:
				day_sessions = ()
			else:
				day_sessions = week[d.weekday()]
			if day_sessions:
				day_index[off] = len(day_off)
				day_off.append(off)
				day_first.append(len(s_start))
				base = off * _DAY_US
				for start, end in day_sessions:
					s_start.append(base + start)
					s_end.append(base + end)
					total += end - start
					cum_end.append(total)
				day_last.append(len(s_start) - 1)
			d += one_day
		self._s_start = s_start
		self._s_end = s_end
		self._cum_end = cum_end
		self._total = total
		self._day_off = day_off
		self._day_first = day_first
		self._day_last = day_last
		self._day_index = day_index

	# -- properties --------------------------------------------------------------------------

	@property
	def full_day_seconds(self) -> float:
		"""Working time of one full standard working day, in seconds."""
		return self.full_day_us / _US

	@property
	def cutoff_time(self) -> time | None:
		"""The cut-off as a time of day (None when there is none)."""
		if self.cutoff_us is None or self.cutoff_us == _DAY_US:
			return None
		return (datetime.min + timedelta(microseconds=self.cutoff_us)).time()

	def __repr__(self) -> str:
		return (
			f"WorkingCalendar({self.from_date.isoformat()}..{self.to_date.isoformat()}, "
			f"{len(self._day_off)} working days)"
		)

	# -- low-level conversions (absolute microseconds) -------------------------------------

	def _out_of_range(self, d: date) -> CalendarRangeError:
		return CalendarRangeError(
			f"{d.isoformat()} is outside the working calendar "
			f"({self.from_date.isoformat()} to {self.to_date.isoformat()})",
			d,
		)

	def _past_end(self) -> CalendarRangeError:
		return CalendarRangeError(
			f"the result falls after the end of the working calendar ({self.to_date.isoformat()}); "
			"extend the calendar",
			self.to_date + timedelta(days=1),
		)

	def _abs(self, instant: datetime) -> int:
		t = (instant - self._base) // _ONE_US
		if t < 0 or t >= self._span_us:
			raise self._out_of_range(instant.date())
		return t

	def _dt(self, t: int) -> datetime:
		return self._base + timedelta(microseconds=t)

	def _off(self, d: date) -> int:
		if isinstance(d, datetime):
			d = d.date()
		off = (d - self.from_date).days
		if off < 0 or off * _DAY_US >= self._span_us:
			raise self._out_of_range(d)
		return off

	def _pos(self, t: int) -> int:
		k = bisect_right(self._s_start, t) - 1
		if k < 0:
			return 0
		end = self._s_end[k]
		if t < end:
			return self._cum_end[k] - (end - t)
		return self._cum_end[k]

	def _at(self, pos: int) -> int:
		k = bisect_left(self._cum_end, pos)
		if k == len(self._cum_end):
			raise self._past_end()
		return self._s_end[k] - (self._cum_end[k] - pos)

	def _start(self, t: int) -> int:
		off = t // _DAY_US
		if off in self._day_index and t - off * _DAY_US < self._cutoff_us:
			k = bisect_right(self._s_end, t)
			if k == len(self._s_end):
				raise self._past_end()
			start = self._s_start[k]
			return t if t > start else start
		k = bisect_left(self._s_start, (off + 1) * _DAY_US)
		if k == len(self._s_start):
			raise self._past_end()
		return self._s_start[k]

	# -- instant-level API -------------------------------------------------------------------

	def position(self, instant: datetime) -> int:
		"""Working-time position of an instant: working microseconds since the range start."""
		return self._pos(self._abs(instant))

	def instant_at(self, position: int) -> datetime:
		"""Earliest instant whose working-time position is ``position`` (microseconds)."""
		if position < 0:
			raise WorkingTimeArgumentError("a working-time position cannot be negative")
		return self._dt(self._at(position))

	def is_working_instant(self, instant: datetime) -> bool:
		"""True if the instant is inside or at the edge of a session of a working day."""
		t = self._abs(instant)
		k = bisect_right(self._s_start, t) - 1
		return k >= 0 and t <= self._s_end[k]

	def start_instant(self, received_at: datetime) -> datetime:
		"""Rule 1: the instant the clock starts for a dossier received at ``received_at``.

		Received on a working day before the cut-off: the receipt instant, moved forward to the next
		working instant if outside a session. At or after the cut-off, or on a non-working day: the
		opening of the next working day.
		"""
		return self._dt(self._start(self._abs(received_at)))

	def working_seconds_between(self, a: datetime, b: datetime) -> float:
		"""Working time elapsed between two instants, in seconds (0 if b <= a)."""
		ta, tb = self._abs(a), self._abs(b)
		if tb <= ta:
			return 0.0
		return (self._pos(tb) - self._pos(ta)) / _US

	def add_working_seconds(self, instant: datetime, seconds: float) -> datetime:
		"""Earliest instant t >= ``instant`` with ``seconds`` of working time between them.

		For ``seconds`` > 0 the result is inside a session or at the END of one (boundary
		convention); ``seconds`` == 0 returns ``instant`` unchanged.
		"""
		if seconds < 0:
			raise WorkingTimeArgumentError("seconds must not be negative")
		t = self._abs(instant)
		us = round(seconds * _US)
		if us == 0:
			return instant
		return self._dt(self._at(self._pos(t) + us))

	# -- day-level API -----------------------------------------------------------------------

	def is_working_day(self, d: date) -> bool:
		"""True if ``d`` has at least one session (weekly pattern, holidays and extra days applied)."""
		return self._off(d) in self._day_index

	def next_working_day(self, d: date) -> date:
		"""The first working day strictly after ``d``."""
		i = bisect_right(self._day_off, self._off(d))
		if i == len(self._day_off):
			raise self._past_end()
		return self.from_date + timedelta(days=self._day_off[i])

	def _day(self, d: date) -> int:
		i = self._day_index.get(self._off(d))
		if i is None:
			raise NotAWorkingDayError(f"{d.isoformat()} is not a working day", d)
		return i

	def opening_of_day(self, d: date) -> datetime:
		"""Start of the first session of working day ``d``."""
		return self._dt(self._s_start[self._day_first[self._day(d)]])

	def close_of_day(self, d: date) -> datetime:
		"""End of the last session of working day ``d`` (NotAWorkingDayError otherwise)."""
		return self._dt(self._s_end[self._day_last[self._day(d)]])

	def add_working_days_date(self, d: date, n: int) -> date:
		"""The working day ``n`` working days after (n > 0) or before (n < 0) ``d``.

		``n`` == 0 returns ``d`` if it is a working day, else the next working day. From a
		non-working day, +1 is the next working day and -1 the previous one. Use
		``add_working_days_date(due.date(), -1)`` for "at least one working day before due".
		"""
		off = self._off(d)
		if n == 0:
			return d if off in self._day_index else self.next_working_day(d)
		if n > 0:
			i = bisect_right(self._day_off, off) - 1 + n
			if i >= len(self._day_off):
				raise self._past_end()
		else:
			i = bisect_left(self._day_off, off) + n
			if i < 0:
				raise CalendarRangeError(
					f"the result falls before the start of the working calendar ({self.from_date.isoformat()}); "
					"extend the calendar",
					self.from_date - timedelta(days=1),
				)
		return self.from_date + timedelta(days=self._day_off[i])

	# -- deadlines ---------------------------------------------------------------------------

	def compute_due(
		self,
		received_at: datetime,
		processing_time: float,
		time_unit: str,
		pauses: Iterable[Sequence[datetime | None]] = (),
		policy: str = POLICY_RESTART,
		now: datetime | None = None,
	) -> datetime | None:
		"""Due instant of a dossier; see the module-level :func:`compute_due`."""
		if time_unit == WORKING_DAYS:
			unit_us = self.full_day_us
		elif time_unit == WORKING_HOURS:
			unit_us = _HOUR_US
		else:
			raise WorkingTimeArgumentError(f"time_unit must be one of {TIME_UNITS}, got {time_unit!r}")
		if processing_time < 0:
			raise WorkingTimeArgumentError("processing_time must not be negative")

		if policy != POLICY_RESTART and policy != POLICY_PAUSE:
			raise WorkingTimeArgumentError(f"policy must be one of {POLICIES}, got {policy!r}")
		if not isinstance(pauses, list | tuple):
			pauses = tuple(pauses)
		for started_at, ended_at in pauses:
			if ended_at is not None and ended_at < started_at:
				raise WorkingTimeArgumentError(f"a pause ends ({ended_at}) before it starts ({started_at})")

		anchor = received_at
		if pauses and policy == POLICY_RESTART:
			ends = [p[1] for p in pauses]
			if None in ends:
				return None
			last = max(ends)
			if last > anchor:
				anchor = last

		cur_t = self._start(self._abs(anchor))
		cur_pos = self._pos(cur_t)
		if processing_time == 0 and time_unit == WORKING_DAYS:
			# rule 3: the close of the start's working day
			remaining = self._cum_end[self._day_last[self._day_index[cur_t // _DAY_US]]] - cur_pos
		else:
			remaining = round(processing_time * unit_us)

		if pauses and policy == POLICY_PAUSE:
			for started_at, ended_at in sorted(pauses, key=lambda p: p[0]):
				if ended_at is None:
					if now is None:
						raise WorkingTimeArgumentError(
							"now is required to measure a pause that is still open"
						)
					ended_at = now if now > started_at else started_at
				end_pos = self._pos(self._abs(ended_at))
				if end_pos <= cur_pos:
					continue  # before the clock started, or inside an earlier pause
				start_pos = self._pos(self._abs(started_at))
				if start_pos < cur_pos:
					start_pos = cur_pos
				if start_pos >= cur_pos + remaining:
					break  # the time limit ran out before this pause began
				remaining -= start_pos - cur_pos
				cur_pos = end_pos

		if remaining == 0:
			return self._dt(cur_t)
		return self._dt(self._at(cur_pos + remaining))

	def compute_legal_due(
		self,
		received_at: datetime,
		processing_time: float,
		time_unit: str,
		supplements: Iterable[Sequence[datetime | None]] = (),
		payments: Iterable[Sequence[datetime | None]] = (),
		supplement_policy: str = POLICY_RESTART,
		now: datetime | None = None,
	) -> datetime | None:
		"""Due instant of a dossier with both kinds of pause; see :func:`compute_legal_due`."""
		if supplement_policy != POLICY_RESTART and supplement_policy != POLICY_PAUSE:
			raise WorkingTimeArgumentError(f"policy must be one of {POLICIES}, got {supplement_policy!r}")
		supplements, payments = list(supplements), list(payments)
		if supplement_policy == POLICY_PAUSE:
			return self.compute_due(
				received_at, processing_time, time_unit, supplements + payments, POLICY_PAUSE, now
			)
		start = received_at
		if supplements:
			ends = [ended_at for _started_at, ended_at in supplements]
			if None in ends:
				return None  # the clock waits for the complete dossier
			start = max(start, *ends)
		pauses = [
			(max(started_at, start), ended_at)
			for started_at, ended_at in payments
			if ended_at is None or ended_at > start
		]
		return self.compute_due(start, processing_time, time_unit, pauses, POLICY_PAUSE, now)


def build_calendar(
	from_date: DateLike,
	to_date: DateLike,
	*,
	holidays: Iterable[DateLike] = (),
	extra_working_days: Iterable[DateLike] = (),
	morning_start: TimeLike | None = DEFAULT_MORNING[0],
	morning_end: TimeLike | None = DEFAULT_MORNING[1],
	afternoon_start: TimeLike | None = DEFAULT_AFTERNOON[0],
	afternoon_end: TimeLike | None = DEFAULT_AFTERNOON[1],
	cutoff_time: TimeLike | None = DEFAULT_CUTOFF,
	saturday_morning: bool = False,
) -> WorkingCalendar:
	"""Build a calendar from the Working Calendar doctype's simple values.

	Times may be ``time``, ``timedelta`` (Frappe Time from the database) or "HH:MM[:SS]" strings;
	dates may be ``date`` or ISO strings. A session whose start or end is None is left out.
	``holidays`` are non-working dates (an ERPNext Holiday List's dates, weekly offs included, are
	fine); ``extra_working_days`` are compensatory working days with the standard weekday
	sessions, and win over ``holidays``.
	"""
	morning = None if morning_start is None or morning_end is None else (morning_start, morning_end)
	afternoon = None if afternoon_start is None or afternoon_end is None else (afternoon_start, afternoon_end)
	if morning is None and afternoon is None:
		raise CalendarConfigError("a working calendar needs at least one office session")
	return WorkingCalendar(
		from_date,
		to_date,
		standard_week(morning, afternoon, saturday_morning=saturday_morning),
		holidays=holidays,
		extra_working_days=extra_working_days,
		cutoff=cutoff_time,
	)


def compute_due(
	calendar: WorkingCalendar,
	received_at: datetime,
	processing_time: float,
	time_unit: str,
	pauses: Iterable[Sequence[datetime | None]] = (),
	policy: str = POLICY_RESTART,
	now: datetime | None = None,
) -> datetime | None:
	"""Legal due instant of a dossier (docs/rules.md, "Working time" rules 1-5).

	- The clock starts at ``calendar.start_instant(received_at)`` (rule 1).
	- ``time_unit`` "Working Days": N x full-day working time; 0 = the close of the start's working
	  day (same day). "Working Hours": N hours of working time. Fractions are allowed.
	- ``pauses`` are (started_at, ended_at) pairs; ended_at None means still open.
	  "Restart": the clock restarts by rule 1 from the latest ``ended_at`` and the full limit runs
	  again; if any pause is open the clock is not running and the result is None.
	  "Pause": the due instant moves later by the working time inside each pause. An open pause is
	  measured up to ``now`` (required then): the result is provisional and assumes the clock
	  resumes at ``now``. Only the part of a pause after the clock started counts, overlapping
	  pauses count once, and a pause that begins at or after the due instant does not move it
	  (the limit had already run out).
	- Elapsed time landing on a session boundary returns the end of the earlier session.
	"""
	return calendar.compute_due(received_at, processing_time, time_unit, pauses, policy, now)


def compute_legal_due(
	calendar: WorkingCalendar,
	received_at: datetime,
	processing_time: float,
	time_unit: str,
	supplements: Iterable[Sequence[datetime | None]] = (),
	payments: Iterable[Sequence[datetime | None]] = (),
	supplement_policy: str = POLICY_RESTART,
	now: datetime | None = None,
) -> datetime | None:
	"""Legal due instant of a dossier whose clock stopped for supplements and for payments.

	Supplements follow the procedure's `supplement_policy` (rule 5): "Restart", the full limit
	runs again by rule 1 from the moment the dossier is complete (the latest supplement's end;
	None while one is open); "Pause", the working time inside each supplement is added. Waiting
	for payment always pauses the clock, whatever the policy; under "Restart" only the part of a
	payment pause after the restart counts.
	"""
	return calendar.compute_legal_due(
		received_at, processing_time, time_unit, supplements, payments, supplement_policy, now
	)


def timeliness(resolved_at: datetime, due_at: datetime) -> str:
	"""Rule 6: "Late" if resolved after due_at, "Early" if on an earlier date, else "On Time"."""
	if resolved_at > due_at:
		return LATE
	if resolved_at.date() < due_at.date():
		return EARLY
	return ON_TIME


def processing_days(
	calendar: WorkingCalendar,
	received_at: datetime,
	until: datetime,
	pauses: list[tuple[datetime, datetime | None]] = (),
) -> float:
	"""The working time a dossier took, in working days of `calendar`: from the start of its clock
	(rule 1) to `until`, the working time inside its pauses (supplement, payment) left out; an
	open pause counts up to `until`."""
	start = calendar.start_instant(received_at)
	if until <= start:
		return 0.0
	seconds = calendar.working_seconds_between(start, until)
	for started, ended in pauses:
		if started:
			begin, end = max(started, start), min(ended or until, until)
			if end > begin:
				seconds -= calendar.working_seconds_between(begin, end)
	return round(max(seconds, 0.0) / calendar.full_day_seconds, 2)
