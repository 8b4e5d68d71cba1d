"""Assignment by procedure field, the overdue scan and warnings, recomputation on calendar change."""

from datetime import datetime

import frappe
import pytest
from dossier_factory import UNIT_CODE, make_procedure, make_ward, receive
from dossier_factory import act as factory_act
from dossier_factory import make_unit_user as make_user
from frappe.model.workflow import apply_workflow

from ward_admin.one_stop import alerts as dossier_alerts
from ward_admin.one_stop.recompute import recompute_open_dossiers
from ward_admin.setup.assignment import ensure_field_assignment_rule


@pytest.fixture
def procedure():
	make_ward()
	return make_procedure("9.999110")


def act(name, action, at, frozen):
	return factory_act(frappe._dict(name=name), action, at, frozen)


def test_processing_is_assigned_to_the_fields_specialist(procedure, frozen):
	specialist = make_user("_test.hotich@example.vn", "Specialist")
	ensure_field_assignment_rule("Hộ tịch", [specialist], UNIT_CODE)
	doc = receive(procedure, frozen)
	doc = act(doc.name, "Start Processing", "2026-03-02 10:30", frozen)
	assert frappe.parse_json(doc._assign) == [specialist]
	act(doc.name, "Submit for Signature", "2026-03-06 09:00", frozen)
	doc = act(doc.name, "Resolve", "2026-03-06 09:00", frozen)  # late
	processing = next(s for s in doc.steps if s.step == "Examination")
	assert (processing.holder, processing.timeliness) == (specialist, "Late")


def card(name):
	"""The value a workspace number card shows."""
	from frappe.desk.doctype.number_card.number_card import get_result

	doc = frappe.get_doc("Number Card", name)
	return get_result(doc.as_dict(), doc.filters_json)


def test_scan_marks_overdue_and_warns_before_breach(procedure, frozen):
	leader = make_user("_test.leader@example.vn", "Ward Leader")
	late = receive(procedure, frozen, at="2026-03-02 10:00")  # due Thu 5 March 10:00
	soon = receive(procedure, frozen, at="2026-03-02 15:00")  # cut-off: due Thu 5 March 17:00
	calm = receive(procedure, frozen, at="2026-03-04 10:00")  # due Mon 9 March 10:00
	notifications = frappe.db.count("Notification Log", {"for_user": leader})
	cards_before = {name: card(name) for name in ("Overdue Dossiers", "Dossiers Due Soon")}

	with frozen("2026-03-05 14:00"):
		result = dossier_alerts.scan()

	assert result == {"overdue": 1, "warned": 1}
	assert frappe.db.get_value("Dossier", late.name, "is_overdue") == 1
	assert frappe.db.get_value("Dossier", soon.name, "overdue_warned_at") == datetime(2026, 3, 5, 14, 0)
	assert not frappe.db.get_value("Dossier", calm.name, "overdue_warned_at")
	assert frappe.db.count("Notification Log", {"for_user": leader}) == notifications + 1  # one digest

	with frozen("2026-03-05 14:15"):
		assert dossier_alerts.scan() == {"overdue": 0, "warned": 0}  # nobody is told twice
	# the leaders' workspace counts them
	assert {name: card(name) - count for name, count in cards_before.items()} == {
		"Overdue Dossiers": 1,
		"Dossiers Due Soon": 1,
	}


def test_paused_dossiers_are_not_overdue(procedure, frozen):
	doc = receive(procedure, frozen)
	act(doc.name, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-03 09:00"):
		doc = frappe.get_doc("Dossier", doc.name)
		doc.supplement_request = "Bản sao"
		doc.save()
		apply_workflow(doc, "Request Supplement")
	with frozen("2026-03-20 09:00"):
		assert dossier_alerts.scan()["overdue"] == 0


def test_calendar_change_moves_due_at_but_not_the_appointment(procedure, frozen):
	calendar = frappe.db.get_value("Administrative Unit", UNIT_CODE, "working_calendar")
	doc = receive(procedure, frozen)  # due Thu 5 March 10:00
	resolved = receive(procedure, frozen, at="2026-03-02 10:05")
	act(resolved.name, "Start Processing", "2026-03-02 10:30", frozen)
	act(resolved.name, "Submit for Signature", "2026-03-03 10:30", frozen)
	act(resolved.name, "Resolve", "2026-03-03 10:30", frozen)

	# an admin adds a holiday: saving the Holiday List recomputes open dossiers (a background
	# job; run at once under tests)
	holiday_list = frappe.get_doc(
		"Holiday List", frappe.db.get_value("Working Calendar", calendar, "holiday_list")
	)
	holiday_list.append("holidays", {"holiday_date": "2026-03-04", "description": "Nghỉ đột xuất"})
	holiday_list.save()

	doc.reload()
	assert doc.due_at == datetime(2026, 3, 6, 10, 0)
	assert doc.appointment_at == datetime(2026, 3, 5, 10, 0)
	assert frappe.db.get_value("Dossier", resolved.name, "due_at") == datetime(2026, 3, 5, 10, 5)
	assert recompute_open_dossiers(calendar) == 0  # nothing left to move


def shortcut_count(label: str, user: str) -> int:
	"""What a workspace shortcut's count shows to user (its filter may name the session user)."""
	import json

	workspace = frappe.get_doc("Workspace", "One-Stop Shop")
	shortcut = next(s for s in workspace.shortcuts if s.label == label)
	# the filter is a JavaScript expression of lists, strings and "+": Python reads it the same way
	expression = shortcut.stats_filter.replace("frappe.session.user", json.dumps(user))
	filters = eval(expression, {"__builtins__": {}})
	frappe.set_user(user)
	try:
		return len(frappe.get_list(shortcut.link_to, filters=filters, pluck="name", limit=0))
	finally:
		frappe.set_user("Administrator")


def test_worklist_shortcuts_show_each_user_their_queue(procedure, frozen):
	specialist = make_user("_test.hotich@example.vn", "Specialist")
	officer = make_user("_test.motcua@example.vn", "One-Stop Officer")
	ensure_field_assignment_rule("Hộ tịch", [specialist], UNIT_CODE)
	before = {
		(label, user): shortcut_count(label, user)
		for label, user in (("To Start", officer), ("To Return", officer), ("My Dossier Tasks", specialist))
	}
	receive(procedure, frozen)  # waits to be started
	assigned = receive(procedure, frozen, at="2026-03-02 10:05")
	act(assigned.name, "Start Processing", "2026-03-02 10:30", frozen)
	done = receive(procedure, frozen, at="2026-03-02 10:10")
	act(done.name, "Start Processing", "2026-03-02 10:30", frozen)
	act(done.name, "Submit for Signature", "2026-03-03 10:00", frozen)
	act(done.name, "Resolve", "2026-03-03 10:00", frozen)

	after = {key: shortcut_count(*key) - count for key, count in before.items()}
	assert after == {
		("To Start", officer): 1,
		("To Return", officer): 1,  # done
		("My Dossier Tasks", specialist): 1,  # assigned (done's task closed when it was resolved)
	}


def test_status_chart_reads_in_vietnamese_in_code_order_for_the_users_unit(procedure, frozen):
	from ward_admin.one_stop.dashboard_chart_source.dossiers_by_status.dossiers_by_status import get

	officer = make_user("_test.motcua@example.vn", "One-Stop Officer")
	stranger = make_user(
		"_test.other@example.vn", "One-Stop Officer", unit=make_ward("999.10.02.H99", "_Test Phường Khác")
	)
	started = receive(procedure, frozen)
	act(started.name, "Start Processing", "2026-03-02 10:30", frozen)
	receive(procedure, frozen, at="2026-03-02 10:05")

	frappe.set_user(officer)
	lang = frappe.local.lang
	frappe.local.lang = "vi"
	try:
		chart = get(filters={"administrative_unit": UNIT_CODE})
		frappe.set_user(stranger)
		theirs = get(filters={"administrative_unit": UNIT_CODE})
	finally:
		frappe.local.lang = lang
		frappe.set_user("Administrator")

	counts = dict(zip(chart["labels"], chart["datasets"][0]["values"], strict=True))
	assert list(counts) == ["Được tiếp nhận", "Đang xử lý"]  # codes 2 and 4
	assert counts == {"Được tiếp nhận": 1, "Đang xử lý": 1}
	assert theirs["labels"] == []


def test_received_chart_counts_the_readers_unit_on_every_load(procedure, frozen):
	from ward_admin.one_stop.dashboard_chart_source.dossiers_received.dossiers_received import get

	officer = make_user("_test.motcua@example.vn", "One-Stop Officer")
	stranger = make_user(
		"_test.other@example.vn", "One-Stop Officer", unit=make_ward("999.10.02.H99", "_Test Phường Khác")
	)
	receive(procedure, frozen, at="2026-03-02 10:00")
	receive(procedure, frozen, at="2026-03-03 10:00")

	def total(user):
		frappe.set_user(user)
		try:
			with frozen("2026-03-05 10:00"):
				chart = get(chart_name="Dossiers Received")
		finally:
			frappe.set_user("Administrator")
		return sum(chart["datasets"][0]["values"])

	# Frappe's own Count chart would hand the second reader the first reader's cached numbers
	assert (total(stranger), total(officer)) == (0, 2)
	with frozen("2026-03-04 09:00"):
		receive(procedure, frozen, at="2026-03-04 09:00")
	assert total(officer) == 3
