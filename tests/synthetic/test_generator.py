"""The synthetic province generator on the real test site, small: it commits, so it cleans up."""

import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import frappe
import pytest

# the generator lives with the benchmarks it serves
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import synthetic

from ward_admin.one_stop.doctype.dossier import legal_clock, states
from ward_admin.services import dossier_states as codes
from ward_admin.services import working_time
from ward_admin.ward_setup.doctype.working_calendar import deadlines


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
	units = synthetic.units.province_units()
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
	assert all(d.status_code == states.code_of(d.status) for d in dossiers)
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
	for d in [d for d in dossiers if d.status_code in codes.CLOCK_RUNNING][:50]:
		procedure = frappe.get_cached_doc("Administrative Procedure", d.procedure)
		expected = deadlines.compute_due_at(
			calendar, d.received_at, procedure.processing_time, procedure.time_unit
		)
		assert d.due_at == expected, d.name


def test_generating_twice_needs_reset(province):
	with pytest.raises(synthetic.SyntheticProvinceError):
		synthetic.generate(units=3, dossiers=10, seed=7, progress=False)


def test_a_real_receipt_continues_the_days_sequence(province):
	from dossier_factory import new_dossier

	unit = synthetic.units.province_units()[0]
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
	staff = frappe.get_all(
		"User", filters={"name": ("like", f"%@{synthetic.people.STAFF_DOMAIN}")}, pluck="name"
	)
	assert len(staff) == 3 * 15
	settings = frappe.get_all(
		"Notification Settings",
		filters={"name": ("in", staff)},
		fields=["name", "enabled", "enable_email_notifications"],
	)
	# User.after_insert makes these; the column defaults are Frappe's
	assert {(s.enabled, s.enable_email_notifications) for s in settings} == {(1, 1)}
	assert len(settings) == len(staff)


def test_the_control_sheet_is_the_apps(province):
	"""Steps as the app keeps them: a procedure's internal process with the engine's due times, or
	the national steps; a generated dossier is one the app itself accepts as it is."""
	units = synthetic.units.province_units()
	with_steps = frappe.get_all(
		"Dossier Step", filters={"parenttype": "Dossier"}, pluck="parent", distinct=True, limit=0
	)
	names = frappe.get_all(
		"Dossier",
		filters={"administrative_unit": ("in", units), "name": ("in", with_steps)},
		pluck="name",
		limit=0,
	)
	assert names
	with_process = 0
	for name in names[:80]:
		doc = frappe.get_doc("Dossier", name)
		process = legal_clock.procedure_of(doc).process_steps
		if process and not doc.pauses:  # (an open pause has moved no due time yet)
			with_process += 1
			assert [row.step for row in doc.steps] == [row.step_name for row in process]
			elapsed = 0.0
			for row in doc.steps:
				elapsed += row.allotted_hours
				due = legal_clock.compute_due(
					doc, processing_time=elapsed, time_unit=working_time.WORKING_HOURS
				)
				assert abs((due - row.due_at).total_seconds()) <= 1, (name, row.step)
				if row.completed_at:
					assert row.timeliness and row.holder and row.started_at <= row.completed_at
		elif not process:
			assert doc.steps[0].step == "Reception"
		# the app's own validation leaves a generated dossier as it is
		before = doc.as_dict()
		doc.run_method("validate")
		for field in ("status", "status_code", "fee_amount", "procedure_field", "applicant_id_number"):
			assert doc.get(field) == before.get(field), (name, field)
	assert with_process  # the civil-status procedures have their internal process
