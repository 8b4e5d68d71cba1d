"""A ward's admin sets the legal calendar in its form, and the open dossiers follow.

The Working Calendar form drew an empty "Giờ làm việc" section for everyone (Frappe's time control
fails when times are shown without seconds). Here a ward's admin opens their ward's calendar in
Debian's chromium, sees the four office sessions and the cut-off, moves the cut-off from 15:00 to
16:00 by typing in the form and saves; a dossier received at 15:30, which the old cut-off counted
from the next working day, is then due a working day earlier, once the background job that
recomputes open dossiers has run (a real RQ worker of the bench, started for it).
"""

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import frappe
import pytest
import pytz
from desk import log_in, watch_errors
from frappe.utils import get_datetime, get_system_timezone

BENCH = Path(__file__).resolve().parents[2]
WARD = "999.98.01.H98"
CALENDAR = "_Test Lịch Phường Giờ Chốt"
PASSWORD = "Calendar-Admin-2026!"
ADMIN = "_calendar.quantri@example.vn"
PROCEDURE = "9.999980"


def _cleanup():
	from dossier_factory import remove_committed_records

	remove_committed_records([WARD], [PROCEDURE])
	frappe.db.delete("Working Calendar Extra Day", {"parent": CALENDAR})
	frappe.db.delete("Working Calendar", {"name": CALENDAR})
	frappe.db.commit()


@pytest.fixture
def ward_with_calendar(site, committed_user):
	from dossier_factory import make_procedure, make_ward, new_dossier
	from freezegun import freeze_time

	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

	_cleanup()
	make_ward(WARD, "_Test Phường Lịch Riêng")
	calendar = frappe.copy_doc(frappe.get_doc("Working Calendar", DEFAULT_WORKING_CALENDAR))
	calendar.calendar_name = CALENDAR
	calendar.administrative_unit = WARD
	calendar.cutoff_time = "15:00:00"
	calendar.insert(ignore_permissions=True)
	frappe.db.set_value("Administrative Unit", WARD, "working_calendar", calendar.name)
	procedure = make_procedure(PROCEDURE, days=1)
	# Monday 2 March 2026, 15:30 on the site's clock: after the 15:00 cut-off
	zone = pytz.timezone(get_system_timezone())
	with freeze_time(zone.localize(datetime(2026, 3, 2, 15, 30)).astimezone(pytz.utc)):
		dossier = new_dossier(procedure, unit=WARD).insert(ignore_permissions=True)
	committed_user(ADMIN, "Ward Admin", PASSWORD, unit=WARD)
	frappe.db.set_value("User", ADMIN, {"first_name": "Phạm Thu", "last_name": "Hà", "language": "vi"})
	frappe.db.commit()
	yield calendar.name, dossier.name
	_cleanup()


def run_background_jobs() -> None:
	"""What the bench's workers do: run the jobs queued so far, then stop."""
	subprocess.run(
		[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "worker", "--queue", "long", "--burst"],
		cwd=BENCH / "sites",
		check=True,
		capture_output=True,
		timeout=120,
	)


def test_the_admin_moves_the_cut_off_and_open_dossiers_follow(
	ward_with_calendar, desk_url, browser, artifacts
):
	calendar, dossier = ward_with_calendar
	before = get_datetime(frappe.db.get_value("Dossier", dossier, "due_at"))
	# counted from the opening of Tuesday: due one working day (7.5 working hours) later
	assert before == datetime(2026, 3, 3, 17, 0)

	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	try:
		log_in(page, desk_url, ADMIN, PASSWORD)
		page.goto(f"{desk_url}/app/working-calendar/{calendar}")
		page.wait_for_function("() => window.cur_frm && cur_frm.doc.name === " + repr(calendar))
		for fieldname, value in (
			("morning_start", "07:30"),
			("morning_end", "11:30"),
			("afternoon_start", "13:30"),
			("afternoon_end", "17:00"),
			("cutoff_time", "15:00"),
		):
			field = page.locator(f'.frappe-control[data-fieldname="{fieldname}"] input')
			field.wait_for(state="visible", timeout=30_000)
			assert field.input_value() == value, fieldname
		page.screenshot(path=str(artifacts / "working-calendar.png"), full_page=True)

		cutoff = page.locator('.frappe-control[data-fieldname="cutoff_time"] input')
		cutoff.click()
		cutoff.fill("16:00")
		page.keyboard.press("Escape")
		page.locator(".page-title").click()  # leave the field: the form takes the value
		page.keyboard.press("Control+s")
		page.wait_for_function(
			"() => !cur_frm.is_dirty() && cur_frm.doc.cutoff_time && cur_frm.doc.cutoff_time.startsWith('16:00')",
			timeout=30_000,
		)
	finally:
		page.close()
	assert errors == [], errors

	frappe.db.rollback()
	assert str(frappe.db.get_value("Working Calendar", calendar, "cutoff_time")).startswith("16:00")
	run_background_jobs()
	frappe.db.rollback()
	after = get_datetime(frappe.db.get_value("Dossier", dossier, "due_at"))
	# 15:30 is now before the cut-off: the clock starts at receipt, 7.5 working hours later
	assert after == datetime(2026, 3, 3, 15, 30)
