"""Deadlines from the desk's records: Working Calendar + ERPNext Holiday List, edited by an admin."""

from datetime import datetime

import frappe
import pytest
from dossier_factory import UNIT_CODE, make_unit_user, make_ward

from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR
from ward_admin.ward_setup.doctype.working_calendar.deadlines import compute_due_at, preview_due


@pytest.fixture
def calendar():
	"""A 2026 Working Calendar of the test ward's own, so its admin can edit its Holiday List."""
	ward = make_ward()
	holiday_list = frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": "_Test VN 2026",
			"administrative_unit": ward,
			"from_date": "2026-01-01",
			"to_date": "2026-12-31",
			"weekly_off": "Saturday",
		}
	)
	holiday_list.get_weekly_off_dates()
	holiday_list.weekly_off = "Sunday"
	holiday_list.get_weekly_off_dates()
	holiday_list.insert()
	return frappe.get_doc(
		{
			"doctype": "Working Calendar",
			"calendar_name": "_Test Calendar 2026",
			"administrative_unit": ward,
			"holiday_list": holiday_list.name,
			"morning_start": "07:30:00",
			"morning_end": "11:30:00",
			"afternoon_start": "13:30:00",
			"afternoon_end": "17:00:00",
			"cutoff_time": "15:00:00",
		}
	).insert()


@pytest.fixture
def ward_admin_user():
	"""An admin of the test ward, which owns the test calendar."""
	return make_unit_user("_test.ward.admin@example.vn", "Ward Admin", UNIT_CODE)


def test_three_working_days_from_monday(calendar):
	# docs/rules.md, "Working time" rule 2: received Monday 10:00 on a 3-day procedure -> due Thursday 10:00
	due = compute_due_at(calendar.name, "2026-03-02 10:00:00", 3, "Working Days")
	assert due == datetime(2026, 3, 5, 10, 0)


def test_admin_adds_a_holiday_and_the_next_deadline_moves(calendar, ward_admin_user):
	assert compute_due_at(calendar.name, "2026-03-02 10:00:00", 3, "Working Days") == datetime(2026, 3, 5, 10)

	frappe.set_user(ward_admin_user)
	holiday_list = frappe.get_doc("Holiday List", calendar.holiday_list)
	holiday_list.append("holidays", {"holiday_date": "2026-03-04", "description": "Nghỉ đột xuất"})
	holiday_list.save()

	assert compute_due_at(calendar.name, "2026-03-02 10:00:00", 3, "Working Days") == datetime(2026, 3, 6, 10)


def test_admin_adds_a_compensatory_saturday_and_the_next_deadline_moves(calendar, ward_admin_user):
	# received Friday 10:00, 1 working day: due Monday 10:00 ... unless Saturday is worked
	assert compute_due_at(calendar.name, "2026-03-06 10:00:00", 1, "Working Days") == datetime(2026, 3, 9, 10)

	frappe.set_user(ward_admin_user)
	calendar = frappe.get_doc("Working Calendar", calendar.name)
	calendar.append("extra_working_days", {"work_date": "2026-03-07", "description": "Làm bù"})
	calendar.save()

	assert compute_due_at(calendar.name, "2026-03-06 10:00:00", 1, "Working Days") == datetime(2026, 3, 7, 10)


def test_same_day_certification_after_cutoff(calendar):
	# received 15:30 on a same-day procedure: due at the close of the next working day
	assert compute_due_at(calendar.name, "2026-03-02 15:30:00", 0, "Working Days") == datetime(2026, 3, 3, 17)


def test_shipped_calendar_knows_tet_2026():
	# Friday 13/2/2026 16:00, 3 working days: Tết runs 14-22/2, so the clock starts Mon 23/2
	due = compute_due_at(DEFAULT_WORKING_CALENDAR, "2026-02-13 16:00:00", 3, "Working Days")
	assert due == datetime(2026, 2, 25, 17, 0)


def test_out_of_range_gets_a_clear_error(calendar):
	with pytest.raises(frappe.ValidationError, match="does not cover"):
		compute_due_at(calendar.name, "2026-12-30 10:00:00", 5, "Working Days")


def test_preview_due_for_the_calendar_form(calendar):
	result = preview_due(calendar.name, "2026-03-02 12:00:00", 2, "Working Hours")
	assert result["start_at"] == "2026-03-02 13:30:00"
	assert result["due_at"] == "2026-03-02 15:30:00"
	with pytest.raises(frappe.ValidationError):
		preview_due(calendar.name, "2026-03-02 12:00:00", -1, "Working Hours")
	with pytest.raises(frappe.ValidationError):
		preview_due(calendar.name, "2026-03-02 12:00:00", 1, "Fortnights")


def test_preview_due_needs_read_permission(calendar):
	frappe.set_user("Guest")
	with pytest.raises(frappe.PermissionError):
		preview_due(calendar.name, "2026-03-02 12:00:00", 2, "Working Hours")


def test_a_rolled_back_holiday_leaves_no_trace():
	# the calendar cache lives in Redis and in each process; neither may keep an uncommitted change
	received = "2026-03-02 10:00:00"
	before = compute_due_at(DEFAULT_WORKING_CALENDAR, received, 3, "Working Days")
	holiday_list = frappe.get_doc(
		"Holiday List", frappe.db.get_value("Working Calendar", DEFAULT_WORKING_CALENDAR, "holiday_list")
	)
	holiday_list.append("holidays", {"holiday_date": "2026-03-03", "description": "Thử"})
	holiday_list.save()
	assert compute_due_at(DEFAULT_WORKING_CALENDAR, received, 3, "Working Days") > before
	frappe.db.rollback()
	assert compute_due_at(DEFAULT_WORKING_CALENDAR, received, 3, "Working Days") == before
