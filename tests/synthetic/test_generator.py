"""The synthetic province generator on the real test site, small: it commits, so it cleans up."""

from collections import defaultdict
from datetime import datetime

import frappe
import pytest

from ward_admin import deadlines
from ward_admin.services.dossier_states import STATUS_CODES
from ward_admin.setup import synthetic


@pytest.fixture
def province(site):
	frappe.db.rollback()
	synthetic.reset_province(progress=False)
	summary = synthetic.generate(units=3, dossiers=600, seed=7, staff_per_unit=15, progress=False)
	yield summary
	frappe.set_user("Administrator")
	frappe.db.rollback()
	synthetic.reset_province(progress=False)
	frappe.db.commit()


def test_a_small_province_is_consistent(province):
	units = synthetic.province_units()
	dossiers = frappe.get_all(
		"Dossier",
		filters={"administrative_unit": ("in", units)},
		fields=[
			"name",
			"administrative_unit",
			"status",
			"status_code",
			"received_at",
			"due_at",
			"procedure",
			"channel",
		],
		limit=0,
	)
	assert len(dossiers) == 600
	assert all(d.status_code == STATUS_CODES[d.status] for d in dossiers)
	assert {d.channel for d in dossiers} <= {"Online", "Direct", "Postal"}

	# codes contiguous per unit and day, and the daily counters continue from the last one
	by_day = defaultdict(list)
	for d in dossiers:
		prefix, number = d.name.rsplit("-", 1)
		by_day[prefix].append(int(number))
	series = frappe.qb.DocType("Series")
	for prefix, numbers in by_day.items():
		assert sorted(numbers) == list(range(1, len(numbers) + 1)), prefix
		(current,) = (
			frappe.qb.from_(series).select(series.current).where(series.name == f"{prefix}-").run()[0]
		)
		assert current == len(numbers)

	# due times are the engine's
	calendar = deadlines.calendar_of_unit(units[0])
	for d in [d for d in dossiers if d.status in ("Received", "Processing")][:50]:
		procedure = frappe.get_cached_doc("Administrative Procedure", d.procedure)
		expected = deadlines.compute_due_at(
			calendar, d.received_at, procedure.processing_time, procedure.time_unit
		)
		assert d.due_at == expected, d.name


def test_generating_twice_needs_reset(province):
	with pytest.raises(frappe.ValidationError, match="reset"):
		synthetic.generate(units=3, dossiers=10, seed=7, progress=False)


def test_a_real_receipt_continues_the_days_sequence(province):
	from dossier_factory import new_dossier

	unit = synthetic.province_units()[0]
	day = frappe.get_all(
		"Dossier",
		filters={"administrative_unit": unit, "received_at": ("is", "set")},
		pluck="received_at",
		order_by="received_at desc",
		limit=1,
	)[0].date()
	prefix = f"{unit}-{day:%y%m%d}-"
	series = frappe.qb.DocType("Series")
	(current,) = frappe.qb.from_(series).select(series.current).where(series.name == prefix).run()[0]
	procedure = frappe.get_all("Administrative Procedure", pluck="name", limit=1)[0]
	doc = new_dossier(
		procedure, unit=unit, received_at=datetime.combine(day, datetime.min.time()).replace(hour=9)
	)
	doc.insert(ignore_permissions=True)  # a receipt on a past day: only server code sets received_at
	assert doc.name == f"{prefix}{current + 1:04d}"


def test_staff_are_users_as_frappe_makes_them(province):
	staff = frappe.get_all("User", filters={"name": ("like", f"%@{synthetic.STAFF_DOMAIN}")}, pluck="name")
	assert len(staff) == 3 * 15
	settings = frappe.get_all(
		"Notification Settings",
		filters={"name": ("in", staff)},
		fields=["name", "enabled", "enable_email_notifications"],
	)
	# User.after_insert makes these; the column defaults are Frappe's
	assert {(s.enabled, s.enable_email_notifications) for s in settings} == {(1, 1)}
	assert len(settings) == len(staff)
