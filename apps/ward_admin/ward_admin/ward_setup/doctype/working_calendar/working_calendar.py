# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_time

# The standard office day of a Vietnamese public body, used where a field is left empty.
DEFAULT_SESSIONS = {
	"morning_start": "07:30:00",
	"morning_end": "11:30:00",
	"afternoon_start": "13:30:00",
	"afternoon_end": "17:00:00",
	"cutoff_time": "15:00:00",
}


class InvalidCalendarError(frappe.ValidationError):
	"""Office sessions out of order, a cut-off outside the day, or a working day listed twice."""


class WorkingCalendar(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from ward_admin.ward_setup.doctype.working_calendar_extra_day.working_calendar_extra_day import (
			WorkingCalendarExtraDay,
		)

		administrative_unit: DF.Link | None
		afternoon_end: DF.Time
		afternoon_start: DF.Time
		calendar_name: DF.Data
		cutoff_time: DF.Time
		extra_working_days: DF.Table[WorkingCalendarExtraDay]
		holiday_list: DF.Link
		morning_end: DF.Time
		morning_start: DF.Time
		saturday_morning: DF.Check

	# end: auto-generated types
	def validate(self):
		self.set_default_sessions()
		self.validate_sessions()
		self.validate_extra_working_days()

	def set_default_sessions(self):
		for fieldname, value in DEFAULT_SESSIONS.items():
			if not self.get(fieldname):
				self.set(fieldname, value)

	def validate_sessions(self):
		times = [
			get_time(self.morning_start),
			get_time(self.morning_end),
			get_time(self.afternoon_start),
			get_time(self.afternoon_end),
		]
		if times != sorted(times) or times[0] == times[1] or times[2] == times[3]:
			frappe.throw(
				_(
					"Office sessions must run in order: morning start, morning end, afternoon start, afternoon end"
				),
				exc=InvalidCalendarError,
				title=_("Invalid Office Sessions"),
			)
		cutoff = get_time(self.cutoff_time)
		if not times[0] < cutoff <= times[3]:
			frappe.throw(
				_("Cut-off Time must fall within the office day"),
				exc=InvalidCalendarError,
				title=_("Invalid Cut-off Time"),
			)

	def validate_extra_working_days(self):
		seen = set()
		for row in self.extra_working_days:
			if row.work_date in seen:
				frappe.throw(
					_("Row {0}: {1} is listed twice").format(row.idx, frappe.format(row.work_date, "Date")),
					exc=InvalidCalendarError,
					title=_("Duplicate Working Day"),
				)
			seen.add(row.work_date)
