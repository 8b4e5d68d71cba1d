"""Every path of a dossier's life, on the real site with frozen time (docs/rules.md, "Dossier lifecycle").

The ward uses the shipped calendar: 07:30-11:30 and 13:30-17:00, cut-off 15:00, weekends off;
March 2026 has no holiday. Mon 2 March 10:00 + 3 working days = Thu 5 March 10:00.
"""

from datetime import datetime

import frappe
import pytest
from dossier_factory import UNIT_CODE, act, make_procedure, make_ward, pay, receive

from ward_admin.one_stop.doctype.dossier import lifecycle
from ward_admin.one_stop.doctype.dossier.apology import RescheduleError


def issue_apology(name: str, new_appointment_at: str, reason: str) -> None:
	"""What the form's "Apologise and Reschedule" calls (frm.call on the Dossier)."""
	frappe.get_doc("Dossier", name).issue_apology(new_appointment_at, reason)


@pytest.fixture
def restart():
	make_ward()
	return make_procedure("9.999100", policy="Restart")


@pytest.fixture
def pause():
	make_ward()
	return make_procedure("9.999101", policy="Pause")


def test_counter_receipt(restart, frozen):
	doc = receive(restart, frozen)
	assert doc.name == f"{UNIT_CODE}-260302-0001"
	assert (doc.status, doc.status_code) == ("Received", 2)
	assert doc.received_at == datetime(2026, 3, 2, 10, 0)
	assert doc.due_at == datetime(2026, 3, 5, 10, 0)
	assert doc.appointment_at == doc.due_at
	assert (doc.processing_time, doc.time_unit, doc.supplement_policy) == (3, "Working Days", "Restart")
	assert doc.fee_amount == 10000
	assert [s.step for s in doc.steps] == ["Reception"]
	second = receive(restart, frozen, at="2026-03-02 10:05")
	assert second.name == f"{UNIT_CODE}-260302-0002"


def test_missing_mandatory_document_blocks_receipt_and_uses_no_number(restart, frozen):
	with pytest.raises(lifecycle.MissingDocumentsError):
		receive(restart, frozen, received=False)
	frappe.db.rollback()  # as the desk request would
	restart = make_procedure("9.999100")
	assert not frappe.db.exists("Dossier", {"administrative_unit": UNIT_CODE})
	make_ward()
	doc = receive(make_procedure("9.999100"), frozen)
	assert doc.name.endswith("-260302-0001")


@pytest.mark.parametrize("id_number", ["12345", "003090012345", "001399012345"])
def test_bad_citizen_id_is_refused(restart, frozen, id_number):
	with pytest.raises(lifecycle.InvalidCitizenIdError):
		receive(restart, frozen, applicant_id_number=id_number)


def test_received_after_cutoff_starts_next_morning(restart, frozen):
	doc = receive(restart, frozen, at="2026-03-06 15:30")  # Friday
	assert doc.due_at == datetime(2026, 3, 11, 17, 0)  # Mon + Tue + Wed, full days


def test_online_receipt_and_refusal(restart, frozen):
	online = receive(restart, frozen, channel="Online", at="2026-03-02 20:00")
	assert (online.status, online.status_code, online.due_at) == ("Submitted Online", 1, None)
	online = act(online, "Receive", "2026-03-03 10:00", frozen)
	assert (online.status, online.status_code) == ("Received", 2)
	assert online.received_at == datetime(2026, 3, 3, 10, 0)
	assert online.due_at == datetime(2026, 3, 6, 10, 0)

	refused = receive(restart, frozen, channel="Online", at="2026-03-02 20:01")
	with pytest.raises(lifecycle.MissingReasonError):
		act(refused, "Refuse", "2026-03-03 10:00", frozen)
	refused = act(refused, "Refuse", "2026-03-03 10:00", frozen, refusal_reason="Không thuộc thẩm quyền")
	assert (refused.status, refused.status_code) == ("Refused", 3)


def test_supplement_under_restart_policy(restart, frozen):
	doc = receive(restart, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	assert (doc.status, doc.status_code) == ("Processing", 4)
	with pytest.raises(lifecycle.MissingReasonError):
		act(doc, "Request Supplement", "2026-03-03 09:00", frozen)
	doc = act(
		doc, "Request Supplement", "2026-03-03 09:00", frozen, supplement_request="Bản sao giấy khai sinh"
	)
	assert (doc.status, doc.status_code) == ("Awaiting Supplement", 5)
	doc = act(doc, "Supplement Received", "2026-03-04 14:00", frozen)
	assert doc.status == "Processing"
	# the full 3 days run again from Wed 14:00
	assert doc.due_at == datetime(2026, 3, 9, 14, 0)
	assert doc.appointment_at == datetime(2026, 3, 5, 10, 0)  # the slip is not rewritten
	assert next(s for s in doc.steps if s.step == "Examination").due_at == doc.due_at
	(pause,) = doc.pauses
	assert (pause.pause_type, pause.started_at, pause.ended_at) == (
		"Supplement",
		datetime(2026, 3, 3, 9, 0),
		datetime(2026, 3, 4, 14, 0),
	)
	assert pause.working_hours == 10.5


def test_supplement_under_pause_policy_over_a_weekend(pause, frozen):
	doc = receive(pause, frozen, at="2026-03-05 10:00")  # Thursday: due Tue 10 March 10:00
	assert doc.due_at == datetime(2026, 3, 10, 10, 0)
	doc = act(doc, "Start Processing", "2026-03-05 10:30", frozen)
	doc = act(doc, "Request Supplement", "2026-03-06 15:00", frozen, supplement_request="Tờ khai ký lại")
	doc = act(doc, "Supplement Received", "2026-03-09 09:00", frozen)
	# only working time counts: Fri 15:00-17:00 and Mon 07:30-09:00 = 3.5 h, not 66 wall-clock hours
	assert doc.pauses[0].working_hours == 3.5
	# Tue 10:00 + 3.5 h: 1.5 h to lunch, then 13:30 + 2 h
	assert doc.due_at == datetime(2026, 3, 10, 15, 30)


def test_payment_wait_pauses_the_clock(restart, frozen):
	doc = receive(restart, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(doc, "Request Payment", "2026-03-03 13:30", frozen)
	assert (doc.status, doc.status_code) == ("Awaiting Payment", 6)
	pay(doc, "2026-03-03 15:00", frozen)
	doc = act(doc, "Payment Received", "2026-03-03 15:30", frozen)
	assert doc.pauses[0].pause_type == "Payment"
	assert doc.due_at == datetime(2026, 3, 5, 14, 0)  # Thu 10:00 + 2 working hours, over lunch


def test_apology_moves_the_appointment_once(restart, frozen):
	doc = receive(restart, frozen)  # due Thu 10:00
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-04 09:00"):
		issue_apology(doc.name, "2026-03-09 10:00", "Chờ xác minh của cơ quan khác")
	doc.reload()
	assert doc.appointment_at == datetime(2026, 3, 9, 10, 0)
	assert doc.original_appointment_at == datetime(2026, 3, 5, 10, 0)
	assert doc.due_at == datetime(2026, 3, 5, 10, 0)  # the legal due time does not move
	with frozen("2026-03-04 09:30"), pytest.raises(RescheduleError):
		issue_apology(doc.name, "2026-03-10 10:00", "Lần hai")


@pytest.mark.parametrize(
	"new_appointment, reason, error",
	[
		("2026-03-09 10:00", "  ", lifecycle.MissingReasonError),
		("2026-03-05 09:00", "Chờ xác minh", RescheduleError),  # not later than the current one
	],
)
def test_bad_apology_is_refused_and_nothing_written(restart, frozen, new_appointment, reason, error):
	doc = receive(restart, frozen)
	with frozen("2026-03-03 09:00"), pytest.raises(error):
		issue_apology(doc.name, new_appointment, reason)
	doc.reload()
	assert (doc.apology_issued_at, doc.appointment_at) == (None, datetime(2026, 3, 5, 10, 0))


def test_apology_too_late(restart, frozen):
	doc = receive(restart, frozen)  # due Thu 10:00: the last moment for an apology is Wed 10:00
	with frozen("2026-03-04 10:30"), pytest.raises(RescheduleError):  # not a working day ahead
		issue_apology(doc.name, "2026-03-09 10:00", "Chậm")
	assert not frappe.db.get_value("Dossier", doc.name, "apology_issued_at")


def test_stop_and_withdraw(restart, frozen):
	stopped = receive(restart, frozen)
	stopped = act(stopped, "Start Processing", "2026-03-02 10:30", frozen)
	with pytest.raises(lifecycle.MissingReasonError):
		act(stopped, "Stop", "2026-03-03 10:00", frozen)
	stopped = act(stopped, "Stop", "2026-03-03 10:00", frozen, stop_reason="Không đủ điều kiện")
	assert (stopped.status, stopped.status_code) == ("Stopped", 8)

	withdrawn = receive(restart, frozen, at="2026-03-02 10:01")
	withdrawn = act(withdrawn, "Withdraw", "2026-03-02 11:00", frozen)
	assert (withdrawn.status, withdrawn.status_code) == ("Withdrawn", 7)


@pytest.mark.parametrize(
	"resolved_at, timeliness",
	[
		("2026-03-04 16:00", "Early"),  # a working day before Thursday
		("2026-03-05 09:59", "On Time"),
		("2026-03-05 10:00", "On Time"),
		("2026-03-05 10:01", "Late"),
	],
)
def test_resolve_and_return(restart, frozen, resolved_at, timeliness):
	doc = receive(restart, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(doc, "Submit for Signature", "2026-03-02 11:00", frozen)
	assert (doc.status, doc.status_code) == ("Awaiting Signature", 4)  # the clock runs on
	doc = act(doc, "Resolve", resolved_at, frozen)
	assert (doc.status, doc.status_code, doc.timeliness) == ("Resolved", 9, timeliness)
	assert doc.resolved_at == frappe.utils.get_datetime(resolved_at)
	doc = act(doc, "Return Result", "2026-03-05 16:00", frozen)
	assert (doc.status, doc.status_code) == ("Returned", 10)
	assert doc.returned_at == datetime(2026, 3, 5, 16, 0)
	steps = {s.step: s for s in doc.steps}
	assert list(steps) == ["Reception", "Examination", "Approval", "Return"]
	assert steps["Approval"].holder == "Administrator"
	assert steps["Examination"].timeliness == timeliness
	assert steps["Return"].completed_at == datetime(2026, 3, 5, 16, 0)


def test_history_records_who_did_what(restart, frozen, monkeypatch):
	# frappe skips document versions under tests; this test wants the real behaviour
	monkeypatch.setattr(frappe.flags, "in_test", False)
	doc = receive(restart, frozen)
	act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	versions = frappe.get_all(
		"Version", filters={"ref_doctype": "Dossier", "docname": doc.name}, fields=["data", "owner"]
	)
	assert any('"status"' in v.data and "Processing" in v.data for v in versions)


def test_invalid_transition_is_refused(restart, frozen):
	doc = receive(restart, frozen)
	with pytest.raises(frappe.ValidationError):
		act(doc, "Resolve", "2026-03-02 11:00", frozen)  # Received cannot be resolved directly
	assert frappe.db.get_value("Dossier", doc.name, "status") == "Received"


def workflow_actions(name: str) -> list[str]:
	return frappe.get_all(
		"Workflow Action",
		filters={"reference_doctype": "Dossier", "reference_name": name},
		pluck="workflow_state",
	)


def set_optional_states(optional: int, only: str | None = None) -> None:
	"""An admin's edit of the Dossier workflow's "Is Optional State" (one state, or all)."""
	workflow = frappe.get_doc("Workflow", "Dossier")
	for state in workflow.states:
		if only in (None, state.state):
			state.is_optional_state = optional
	workflow.save()


def test_dossier_states_create_no_workflow_actions(restart, frozen):
	"""A dossier's worklist is its unit's list and its assignments, not Frappe's role-wide one."""
	doc = receive(restart, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(doc, "Submit for Signature", "2026-03-02 11:00", frozen)
	doc = act(doc, "Resolve", "2026-03-03 10:00", frozen)
	assert workflow_actions(doc.name) == []


def test_admin_can_turn_workflow_actions_back_on_for_a_state(restart, frozen):
	# Frappe asks a role to act on a document when a transition leads to a non-optional state
	set_optional_states(0, only="Processing")
	doc = receive(restart, frozen)
	assert workflow_actions(doc.name) == ["Received"]


def test_upgrade_drops_workflow_actions_of_an_older_dossier_workflow(restart, frozen):
	from ward_admin.setup.workflow import stop_workflow_actions

	set_optional_states(0)
	doc = receive(restart, frozen)
	assert workflow_actions(doc.name) == ["Received"]

	stop_workflow_actions()

	assert all(s.is_optional_state for s in frappe.get_doc("Workflow", "Dossier").states)
	assert (
		frappe.get_all("Workflow Action", filters={"reference_doctype": "Dossier", "status": "Open"}, limit=1)
		== []
	)


def test_frappes_hook_still_names_the_function_ward_admin_wraps():
	# a Frappe upgrade that moves its Workflow Action hook must fail here, not silently cost
	# every dossier save twice as much (ward_admin.workflow_actions)
	from ward_admin.workflow_actions import HOOK

	# installed at app load (ward_admin.framework, hooks before_request / before_job)
	assert HOOK in frappe.get_hooks("doc_events")["*"]["on_update"]
	assert getattr(frappe.get_attr(HOOK), "wrapped_by_ward_admin", False)


def test_open_workflow_actions_are_still_completed_after_states_become_optional(restart, frozen):
	set_optional_states(0)
	doc = receive(restart, frozen)
	set_optional_states(1)

	act(doc, "Start Processing", "2026-03-02 10:30", frozen)

	assert frappe.get_all(
		"Workflow Action",
		filters={"reference_doctype": "Dossier", "reference_name": doc.name},
		fields=["workflow_state", "status"],
	) == [{"workflow_state": "Received", "status": "Completed"}]


def test_the_leader_sends_a_draft_back_with_a_reason(restart, frozen):
	doc = receive(restart, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(doc, "Submit for Signature", "2026-03-03 09:00", frozen)
	with pytest.raises(lifecycle.MissingReasonError):
		act(doc, "Send Back", "2026-03-03 10:00", frozen)
	doc = act(doc, "Send Back", "2026-03-03 10:00", frozen, rework_reason="Sai năm sinh trong dự thảo")
	assert (doc.status, doc.status_code, doc.due_at) == ("Processing", 4, datetime(2026, 3, 5, 10, 0))
	assert not doc.pauses  # sending back does not stop the clock
	doc = act(doc, "Submit for Signature", "2026-03-03 14:00", frozen)
	doc = act(doc, "Resolve", "2026-03-04 09:00", frozen)
	assert doc.timeliness == "Early"
	assert [s.step for s in doc.steps] == ["Reception", "Examination", "Approval", "Return"]


def test_assignment_todo_says_what_the_dossier_is(restart, frozen):
	from frappe.desk.form.assign_to import add

	doc = receive(restart, frozen)
	with frozen("2026-03-02 10:30"):
		add({"doctype": "Dossier", "name": doc.name, "assign_to": ["Administrator"]})
	description = frappe.db.get_value(
		"ToDo", {"reference_type": "Dossier", "reference_name": doc.name, "status": "Open"}, "description"
	)
	assert doc.name in description and "Nguyễn Văn An" in description
	assert "_Test thủ tục 9.999100" in description
	assert "05-03-2026 10:00" in description  # dd-mm-yyyy


def test_a_new_dossiers_rows_are_written_in_one_insert_per_table(db, frozen):
	"""Dossier.db_insert writes each child table with one INSERT (dossier/rows.py): the stored rows
	are the ones Frappe would have written, row by row."""
	make_ward()
	procedure = make_procedure()
	statements = []
	real_bulk_insert = frappe.db.bulk_insert

	def counting(doctype, fields, values, *args, **kwargs):
		values = list(values)
		statements.append((doctype, len(values)))
		return real_bulk_insert(doctype, fields, values, *args, **kwargs)

	frappe.db.bulk_insert = counting
	try:
		doc = receive(procedure, frozen)
	finally:
		frappe.db.bulk_insert = real_bulk_insert
	# one statement per child table that has rows, each with all of that table's rows
	tables = {row.doctype for row in doc.get_all_children()}
	assert sorted(doctype for doctype, _count in statements) == sorted(tables)
	assert ("Dossier Document", len(doc.documents)) in statements
	assert all(count >= 1 for _doctype, count in statements)
	stored = frappe.get_doc("Dossier", doc.name)
	for table in ("documents", "steps", "pauses"):
		mine = [(r.name, r.idx, r.parent, r.parentfield, r.parenttype) for r in doc.get(table)]
		theirs = [(r.name, r.idx, r.parent, r.parentfield, r.parenttype) for r in stored.get(table)]
		assert mine == theirs
	assert [r.document_name for r in stored.documents] == [r.document_name for r in doc.documents]
	assert all(r.owner == doc.owner and r.creation == stored.creation for r in stored.documents)
	# a row added by a later save goes through Frappe's own insert
	stored.append("documents", {"document_name": "Bản sao bổ sung", "received": 1})
	stored.save()
	assert frappe.db.count("Dossier Document", {"parent": doc.name}) == len(doc.documents) + 1


def test_a_save_records_what_it_did_once(restart, frozen):
	"""The events the other modules read (services/dossier_events): recorded by the lifecycle as
	they happen, once per save, never guessed again from a later save."""
	from frappe.model.workflow import apply_workflow

	from ward_admin.services import dossier_events as events

	def kinds(doc):
		return [event.kind for event in events.of_save(doc)]

	doc = receive(restart, frozen)
	assert [(e.kind, e.from_code, e.to_code) for e in events.of_save(doc)] == [
		(events.STATUS_CHANGED, None, 2)
	]
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-03 09:00"):
		doc.supplement_request = "Bản sao giấy khai sinh"
		doc.save()
		assert kinds(doc) == []  # an edit is no event
		doc = apply_workflow(frappe.get_doc("Dossier", doc.name), "Request Supplement")
	assert kinds(doc) == [events.STATUS_CHANGED, events.SUPPLEMENT_REQUESTED]
	(supplement,) = events.of_save(doc, events.SUPPLEMENT_REQUESTED)
	assert (
		supplement.row.name == doc.pauses[-1].name and supplement.occurrence == f"pause:{doc.pauses[-1].name}"
	)
	assert (supplement.at, supplement.user) == (datetime(2026, 3, 3, 9, 0), "Administrator")
	doc = act(doc, "Supplement Received", "2026-03-04 14:00", frozen)
	with frozen("2026-03-10 10:00"):  # due Mon 9 March 14:00
		doc = apply_workflow(frappe.get_doc("Dossier", doc.name), "Submit for Signature")
		assert kinds(doc) == []  # two states of code 4: no change of status code
		doc = apply_workflow(frappe.get_doc("Dossier", doc.name), "Resolve")
	# resolved late: the examination and the leader's approval were completed late
	assert kinds(doc) == [events.STATUS_CHANGED, events.RESOLVED, events.STEP_LATE, events.STEP_LATE]
	assert events.of_save(doc, events.RESOLVED)[0].timeliness == "Late"
	assert [e.row.step for e in events.of_save(doc, events.STEP_LATE)] == ["Examination", "Approval"]
	with frozen("2026-03-10 10:05"):
		doc.reload()
		doc.save()
	assert kinds(doc) == []
