"""A procedure's internal process (quy trình nội bộ): each step its own due time, holder and
timeliness, judged on its own allotment of the legal time limit.

The ward uses the shipped calendar: 07:30-11:30 and 13:30-17:00 (7.5 working hours a day),
cut-off 15:00, weekends off; March 2026 has no holiday. A 3-working-day procedure received
Mon 2 March 10:00 is due Thu 5 March 10:00: 22.5 working hours.
"""

from datetime import datetime

import frappe
import pytest
from dossier_factory import act, make_unit_user, make_ward, receive
from frappe.desk.form.assign_to import add as assign

from ward_admin.ward_setup.doctype.administrative_procedure.administrative_procedure import (
	InvalidProcessError,
)

THREE_STEPS = [
	# step, state, role, share of the 22.5 hours: due Mon 14:15, Tue 15:45, Thu 10:00
	("Tiếp nhận, kiểm tra", "Received", "One-Stop Officer", 10),
	("Công chức thẩm định, dự thảo", "Processing", "Specialist", 40),
	("Lãnh đạo ký duyệt", "Awaiting Signature", "Ward Leader", 50),
]


def procedure_with(code: str, steps, policy="Restart", days=3) -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Administrative Procedure",
				"procedure_code": code,
				"procedure_name": f"_Test thủ tục có quy trình {code}",
				"procedure_field": "Hộ tịch",
				"processing_time": days,
				"time_unit": "Working Days",
				"supplement_policy": policy,
				"effective_from": "2025-07-01",
				"documents": [{"document_name": "Tờ khai", "mandatory": 1}],
				"process_steps": [
					{
						"step_name": name,
						"workflow_state": state,
						"role": role,
						"allotment": share,
						"allotment_unit": "Percent",
					}
					for name, state, role, share in steps
				],
			}
		)
		.insert()
		.name
	)


@pytest.fixture
def three_steps():
	make_ward()
	return procedure_with("9.999130", THREE_STEPS)


def test_each_step_is_planned_at_receipt(three_steps, frozen):
	doc = receive(three_steps, frozen)
	assert [(s.step, s.workflow_state, s.role) for s in doc.steps] == [
		(name, state, role) for name, state, role, _share in THREE_STEPS
	]
	assert [s.allotted_hours for s in doc.steps] == [2.25, 9.0, 11.25]
	assert [s.due_at for s in doc.steps] == [
		datetime(2026, 3, 2, 14, 15),
		datetime(2026, 3, 3, 15, 45),
		datetime(2026, 3, 5, 10, 0),
	]
	assert doc.steps[0].started_at == datetime(2026, 3, 2, 10, 0)  # the reception runs
	assert not doc.steps[1].started_at


def test_a_late_step_in_a_dossier_on_time(three_steps, frozen):
	specialist = make_unit_user("_test.congchuc.hotich@example.vn", "Specialist")
	leader = make_unit_user("_test.lanhdao@example.vn", "Ward Leader")
	doc = receive(three_steps, frozen)
	with frozen("2026-03-02 10:45"):
		assign({"doctype": "Dossier", "name": doc.name, "assign_to": [specialist]})
	doc = act(doc, "Start Processing", "2026-03-02 11:00", frozen)

	# the specialist holds the dossier until Wednesday, past their step's Tuesday 15:45
	frappe.set_user(specialist)
	try:
		doc = act(doc, "Submit for Signature", "2026-03-04 09:00", frozen)
	finally:
		frappe.set_user("Administrator")
	frappe.set_user(leader)
	try:
		doc = act(doc, "Resolve", "2026-03-05 09:30", frozen)
	finally:
		frappe.set_user("Administrator")

	assert (doc.status_code, doc.timeliness) == (9, "On Time")
	reception, examination, signature = doc.steps
	assert (reception.completed_at, reception.timeliness) == (datetime(2026, 3, 2, 11, 0), "On Time")
	assert (examination.holder, examination.timeliness) == (specialist, "Late")
	assert examination.started_at == datetime(2026, 3, 2, 11, 0)
	assert examination.completed_at == datetime(2026, 3, 4, 9, 0)
	assert (signature.holder, signature.timeliness) == (leader, "On Time")


def test_a_pause_moves_the_due_times_of_the_steps_to_come(three_steps, frozen):
	doc = receive(three_steps, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 11:00", frozen)
	doc = act(doc, "Request Supplement", "2026-03-03 09:00", frozen, supplement_request="Bản sao")
	doc = act(doc, "Supplement Received", "2026-03-04 14:00", frozen)
	# restart: the whole limit runs again from Wed 14:00; the done reception keeps its due time
	assert doc.due_at == datetime(2026, 3, 9, 14, 0)
	assert [s.due_at for s in doc.steps] == [
		datetime(2026, 3, 2, 14, 15),
		datetime(2026, 3, 6, 8, 15),  # 2.25 + 9 hours from Wed 14:00
		datetime(2026, 3, 9, 14, 0),
	]
	assert doc.steps[1].started_at == datetime(2026, 3, 2, 11, 0)  # the same step waited


def test_sending_back_opens_the_step_again(three_steps, frozen):
	doc = receive(three_steps, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 11:00", frozen)
	doc = act(doc, "Submit for Signature", "2026-03-03 09:00", frozen)
	doc = act(doc, "Send Back", "2026-03-03 10:00", frozen, rework_reason="Sửa dự thảo")
	doc = act(doc, "Submit for Signature", "2026-03-03 14:00", frozen)
	doc = act(doc, "Resolve", "2026-03-04 10:00", frozen)
	assert [(s.step, s.started_at, s.completed_at) for s in doc.steps] == [
		("Tiếp nhận, kiểm tra", datetime(2026, 3, 2, 10, 0), datetime(2026, 3, 2, 11, 0)),
		("Công chức thẩm định, dự thảo", datetime(2026, 3, 2, 11, 0), datetime(2026, 3, 3, 9, 0)),
		("Lãnh đạo ký duyệt", datetime(2026, 3, 3, 9, 0), datetime(2026, 3, 3, 10, 0)),
		("Công chức thẩm định, dự thảo", datetime(2026, 3, 3, 10, 0), datetime(2026, 3, 3, 14, 0)),
		("Lãnh đạo ký duyệt", datetime(2026, 3, 3, 14, 0), datetime(2026, 3, 4, 10, 0)),
	]
	# a step opened again keeps the due time of its allotment
	assert doc.steps[3].due_at == doc.steps[1].due_at and doc.steps[3].timeliness == "On Time"


def test_without_a_process_the_national_steps_stay(frozen):
	from dossier_factory import make_procedure

	make_ward()
	doc = receive(make_procedure("9.999131"), frozen)
	assert [s.step for s in doc.steps] == ["Reception"]
	assert not any(s.workflow_state for s in doc.steps)


@pytest.mark.parametrize(
	"steps",
	[
		[("Bước lạ", "_Test Lưu kho", "Specialist", 50)],  # not a state of the Dossier workflow
		[("Chờ bổ sung", "Awaiting Supplement", "Specialist", 50)],  # no work is done there
		[("Ký", "Awaiting Signature", "Ward Leader", 50), ("Xử lý", "Processing", "Specialist", 50)],
		[("Xử lý", "Processing", "Specialist", 80), ("Ký", "Awaiting Signature", "Ward Leader", 30)],
		[("Xử lý", "Processing", "Specialist", 0)],
	],
	ids=["unknown state", "paused state", "out of order", "over 100%", "no share"],
)
def test_a_process_that_cannot_be_followed_is_refused(steps):
	if not frappe.db.exists("Workflow State", "_Test Lưu kho"):
		frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": "_Test Lưu kho"}).insert()
	with pytest.raises(InvalidProcessError):
		procedure_with("9.999132", steps)


def test_the_shipped_civil_status_procedures_have_a_process(site):
	procedure = frappe.get_doc(
		"Administrative Procedure",
		frappe.db.get_value("Administrative Procedure", {"procedure_code": "1.001193"}),
	)
	steps = [(row.workflow_state, row.role) for row in procedure.process_steps]
	assert steps == [
		("Received", "One-Stop Officer"),
		("Processing", "Specialist"),
		("Awaiting Signature", "Ward Leader"),
		("Resolved", "One-Stop Officer"),
	]
	assert sum(row.allotment for row in procedure.process_steps) == 100
