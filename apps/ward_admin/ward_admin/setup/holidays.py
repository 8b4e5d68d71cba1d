"""Vietnam's public holidays shipped with the app, as an ERPNext Holiday List and a Working Calendar.

Both are created once, on install, and only when missing: a Ward Admin corrects them in the desk
and no later migrate overwrites the correction.
"""

import json
from datetime import date, timedelta
from pathlib import Path

import frappe
from frappe import _

from ward_admin.ward_setup.doctype.working_calendar.working_calendar import DEFAULT_SESSIONS

DATA_FILE = Path(__file__).parent / "data" / "holidays_vn.json"
DEFAULT_HOLIDAY_LIST = "Việt Nam 2025-2027"
DEFAULT_WORKING_CALENDAR = "Giờ hành chính"


def load_holiday_data() -> dict:
	with open(DATA_FILE, encoding="utf-8") as f:
		return json.load(f)


def ensure_default_holiday_list() -> str:
	if frappe.db.exists("Holiday List", DEFAULT_HOLIDAY_LIST):
		return DEFAULT_HOLIDAY_LIST

	data = load_holiday_data()
	years = sorted(int(y) for y in data["years"])
	from_date, to_date = date(years[0], 1, 1), date(years[-1], 12, 31)

	rows = {}
	for year in data["years"].values():
		for holiday in year["holidays"]:
			rows[holiday["date"]] = {"holiday_date": holiday["date"], "description": holiday["description"]}

	day = from_date
	while day <= to_date:
		if day.weekday() >= 5 and day.isoformat() not in rows:
			rows[day.isoformat()] = {
				"holiday_date": day.isoformat(),
				"description": _("Saturday") if day.weekday() == 5 else _("Sunday"),
				"weekly_off": 1,
			}
		day += timedelta(days=1)

	holiday_list = frappe.get_doc(
		{
			"doctype": "Holiday List",
			"holiday_list_name": DEFAULT_HOLIDAY_LIST,
			"from_date": from_date,
			"to_date": to_date,
			"country": "VN",
			"holidays": sorted(rows.values(), key=lambda r: r["holiday_date"]),
		}
	)
	holiday_list.insert(ignore_permissions=True)
	return holiday_list.name


def ensure_default_working_calendar() -> str:
	if frappe.db.exists("Working Calendar", DEFAULT_WORKING_CALENDAR):
		return DEFAULT_WORKING_CALENDAR

	data = load_holiday_data()
	extra_days = [
		{"work_date": row["date"], "description": row.get("description")}
		for year in data["years"].values()
		for row in year.get("extra_working_days", [])
	]
	calendar = frappe.get_doc(
		{
			"doctype": "Working Calendar",
			"calendar_name": DEFAULT_WORKING_CALENDAR,
			"holiday_list": ensure_default_holiday_list(),
			# set explicitly: frappe v15 fills an empty Time field of a new document with the
			# current time, not with the field's default
			**DEFAULT_SESSIONS,
			"extra_working_days": extra_days,
		}
	)
	calendar.insert(ignore_permissions=True)
	return calendar.name
