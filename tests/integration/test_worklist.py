"""The specialist's worklist is the dossiers they hold: a dossier's task closes when it leaves its
assignee's hands and opens again when it comes back, whatever assigned it
(ward_admin.one_stop.worklist)."""

import frappe
import pytest
from dossier_factory import UNIT_CODE, act, make_procedure, make_unit_user, make_ward, receive
from frappe.desk.form.assign_to import add as assign

from ward_admin.setup.assignment import ensure_field_assignment_rule


@pytest.fixture
def staff():
	make_ward()
	return frappe._dict(
		procedure=make_procedure("9.999231"),
		specialist=make_unit_user("_work.hotich@example.vn", "Specialist"),
		leader=make_unit_user("_work.chutich@example.vn", "Ward Leader"),
	)


def tasks(doc) -> dict[str, str]:
	return dict(
		frappe.get_all(
			"ToDo",
			filters={"reference_type": "Dossier", "reference_name": doc.name, "status": ("!=", "Cancelled")},
			fields=["allocated_to", "status"],
			as_list=True,
		)
	)


def assigned(doc) -> list[str]:
	return frappe.parse_json(frappe.db.get_value("Dossier", doc.name, "_assign") or "[]")


def test_a_task_closes_when_the_dossier_leaves_its_holder_and_opens_when_it_returns(staff, frozen):
	s = staff
	# a rule of another field: Frappe's assignment rules run on every save of a dossier
	ensure_field_assignment_rule("Chứng thực", [s.specialist], UNIT_CODE)
	doc = receive(s.procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-02 10:30"):
		assign({"doctype": "Dossier", "name": doc.name, "assign_to": [s.specialist]})
	assert tasks(doc) == {s.specialist: "Open"} and assigned(doc) == [s.specialist]

	doc = act(doc, "Submit for Signature", "2026-03-03 09:00", frozen)
	assert tasks(doc) == {s.specialist: "Closed"} and assigned(doc) == []
	# a save that changes no state (the leader edits the draft) leaves the task closed
	with frozen("2026-03-03 09:30"):
		frappe.get_doc("Dossier", doc.name).save()
	assert tasks(doc) == {s.specialist: "Closed"}

	doc = act(doc, "Send Back", "2026-03-03 10:00", frozen, rework_reason="Sửa lại dự thảo")
	assert tasks(doc) == {s.specialist: "Open"} and assigned(doc) == [s.specialist]

	doc = act(doc, "Request Supplement", "2026-03-03 11:00", frozen, supplement_request="Bản sao")
	assert tasks(doc) == {s.specialist: "Closed"}
	doc = act(doc, "Supplement Received", "2026-03-04 09:00", frozen)
	# open again, and saying the due time the supplement restarted
	todo = frappe.get_all(
		"ToDo",
		filters={"reference_name": doc.name, "allocated_to": s.specialist},
		fields=["status", "description", "date"],
	)[0]
	assert todo.status == "Open"
	assert f"{doc.due_at:%d-%m-%Y %H:%M}" in todo.description and todo.date == doc.due_at.date()

	doc = act(doc, "Submit for Signature", "2026-03-04 10:00", frozen)
	doc = act(doc, "Resolve", "2026-03-04 11:00", frozen)
	assert tasks(doc) == {s.specialist: "Closed"}
	# the control sheet still names the specialist who examined it
	examination = next(row for row in doc.steps if row.step == "Examination")
	assert examination.holder == s.specialist
	comments = frappe.get_all(
		"Comment",
		filters={
			"reference_doctype": "Dossier",
			"reference_name": doc.name,
			"comment_type": ("in", ("Assigned", "Assignment Completed")),
		},
		pluck="comment_type",
	)
	# closed for the signature, the supplement and the signature again; opened twice (and assigned once)
	assert (comments.count("Assignment Completed"), comments.count("Assigned")) == (3, 3)


def test_each_assignee_holds_the_dossier_in_their_own_states(staff, frozen):
	"""The leader's task (given with "Assign To") is open while the draft awaits their signature,
	the specialist's while they process it."""
	s = staff
	doc = receive(s.procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-02 10:30"):
		assign({"doctype": "Dossier", "name": doc.name, "assign_to": [s.specialist, s.leader]})
	doc = act(doc, "Submit for Signature", "2026-03-03 09:00", frozen)
	assert tasks(doc) == {s.specialist: "Closed", s.leader: "Open"} and assigned(doc) == [s.leader]
	doc = act(doc, "Send Back", "2026-03-03 10:00", frozen, rework_reason="Sửa lại dự thảo")
	assert tasks(doc) == {s.specialist: "Open", s.leader: "Closed"}
	act(doc, "Submit for Signature", "2026-03-03 11:00", frozen)
	doc = act(doc, "Resolve", "2026-03-03 11:30", frozen)
	assert tasks(doc) == {s.specialist: "Closed", s.leader: "Closed"}


def test_a_task_does_not_come_back_to_someone_who_left_the_unit(staff, frozen):
	s = staff
	doc = receive(s.procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-02 10:30"):
		assign({"doctype": "Dossier", "name": doc.name, "assign_to": [s.specialist]})
	doc = act(doc, "Submit for Signature", "2026-03-03 09:00", frozen)
	frappe.delete_doc(
		"User Permission",
		frappe.db.get_value("User Permission", {"user": s.specialist}),
		ignore_permissions=True,
	)
	act(doc, "Send Back", "2026-03-03 10:00", frozen, rework_reason="Sửa lại dự thảo")
	assert tasks(doc) == {s.specialist: "Closed"}


def test_frappe_s_rules_still_call_the_function_the_app_wraps():
	"""A Frappe upgrade that stops reopening through `reopen_closed_assignment` fails here, rather
	than reopening the tasks of dossiers out of their holders' hands."""
	from frappe.automation.doctype.assignment_rule import assignment_rule

	hook = "frappe.automation.doctype.assignment_rule.assignment_rule.apply"
	assert hook in frappe.get_hooks("doc_events")["*"]["on_update"]
	assert "reopen_closed_assignment" in assignment_rule.apply.__code__.co_names
	assert getattr(assignment_rule.reopen_closed_assignment, "wrapped_by_ward_admin", False)


def test_the_upgrade_closes_the_tasks_their_assignees_no_longer_hold(staff, frozen):
	"""patch v0_5: before, a draft awaiting signature stayed open in the specialist's list."""
	from ward_admin.patches.v0_5.dossier_routings import follow_open_tasks

	s = staff
	doc = receive(s.procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-02 10:30"):
		assign({"doctype": "Dossier", "name": doc.name, "assign_to": [s.specialist]})
	processing = receive(s.procedure, frozen, at="2026-03-02 10:40")
	processing = act(processing, "Start Processing", "2026-03-02 10:45", frozen)
	with frozen("2026-03-02 10:45"):
		assign({"doctype": "Dossier", "name": processing.name, "assign_to": [s.specialist]})
	doc = act(doc, "Submit for Signature", "2026-03-03 09:00", frozen)
	# as the first releases left it: still open
	frappe.db.set_value("ToDo", {"reference_name": doc.name}, "status", "Open")
	frappe.db.set_value("Dossier", doc.name, "_assign", f'["{s.specialist}"]')
	follow_open_tasks()
	assert tasks(doc) == {s.specialist: "Closed"} and assigned(doc) == []
	assert tasks(processing) == {s.specialist: "Open"} and assigned(processing) == [s.specialist]
