"""An admin reshapes the Dossier workflow in the desk, and the app follows the states' codes.

A province Ward Admin, through the desk's own methods (`frappe.client.insert` / `save`, the
form's rename), adds a legal review of national code 4 between processing and the leader's
signature, and renames the shipped "Processing" to "Đang xử lý". Every test below drives
dossiers through a path of their life on that workflow and on the untouched one: status codes,
clock, pauses, control sheet, history, the overdue scan and the leader's worklist must be the
same, whatever the states are called and however many there are (docs/contract.md, "Dossier").

The ward uses the shipped calendar: 07:30-11:30 and 13:30-17:00, cut-off 15:00, weekends off;
March 2026 has no holiday. Mon 2 March 10:00 + 3 working days = Thu 5 March 10:00.
"""

from dataclasses import dataclass
from datetime import datetime

import frappe
import pytest
from dossier_factory import UNIT_CODE, act, make_procedure, make_unit_user, make_ward, pay, receive

from ward_admin.one_stop import alerts
from ward_admin.one_stop.doctype.dossier import lifecycle, states
from ward_admin.one_stop.report.dossiers_to_sign.dossiers_to_sign import execute as dossiers_to_sign

RENAMED = "Đang xử lý"
REVIEW = "Thẩm định pháp lý"
TO_REVIEW = "Chuyển thẩm định pháp lý"


@dataclass
class Shape:
	processing: str  # the state of code 4 where processing starts
	review: str | None = None  # the admin's legal review, when there is one

	def to_signature(self) -> list[str]:
		"""The actions from processing to the leader's signature."""
		return [TO_REVIEW, "Submit for Signature"] if self.review else ["Submit for Signature"]

	def before_signature(self) -> str:
		return self.review or self.processing


def reshape_as_admin() -> None:
	"""What the province's Ward Admin does in the desk."""
	from frappe.client import get, insert, save
	from frappe.model.rename_doc import update_document_title

	insert({"doctype": "Workflow State", "workflow_state_name": REVIEW, "style": "Info"})
	insert({"doctype": "Workflow Action Master", "workflow_action_name": TO_REVIEW})
	# the form's "rename": Frappe renames the state everywhere it is linked
	update_document_title(doctype="Workflow State", docname="Processing", name=RENAMED)

	workflow = get("Workflow", "Dossier")
	position = next(i for i, row in enumerate(workflow["states"]) if row["state"] == RENAMED)
	workflow["states"].insert(
		position + 1,
		{
			"state": REVIEW,
			"status_code": 4,
			"doc_status": "0",
			"allow_edit": "Specialist",
			"is_optional_state": 1,
		},
	)
	transitions = [
		row
		for row in workflow["transitions"]
		if not (row["action"] == "Submit for Signature" and row["state"] == RENAMED)
	]
	for action, source, target, role in (
		(TO_REVIEW, RENAMED, REVIEW, "Specialist"),
		("Submit for Signature", REVIEW, "Awaiting Signature", "Specialist"),
		("Send Back", REVIEW, RENAMED, "Specialist"),
		("Withdraw", REVIEW, "Withdrawn", "One-Stop Officer"),
	):
		transitions.append(
			{
				"action": action,
				"state": source,
				"next_state": target,
				"allowed": role,
				"allow_self_approval": 1,
			}
		)
	workflow["transitions"] = transitions
	for table in ("states", "transitions"):
		for idx, row in enumerate(workflow[table], 1):
			row["idx"] = idx
	save(workflow)


@pytest.fixture
def restart():
	make_ward()  # a top-level unit: its admin is the province's
	return make_procedure("9.999120", policy="Restart")


@pytest.fixture(params=["untouched", "reshaped"])
def shape(request, restart):
	if request.param == "untouched":
		yield Shape("Processing")
		return
	admin = make_unit_user("_test.quantri.tinh@example.vn", "Ward Admin", UNIT_CODE)
	frappe.set_user(admin)
	try:
		reshape_as_admin()
	finally:
		frappe.set_user("Administrator")
	yield Shape(RENAMED, REVIEW)
	# the test's transaction is rolled back; the cached workflow and meta must go with it
	frappe.db.rollback()
	frappe.clear_cache()
	frappe.clear_document_cache("Workflow", "Dossier")


def test_the_reshaped_workflow_is_what_the_app_reads(shape):
	codes = states.state_codes()
	assert codes[shape.processing] == 4
	assert ("Processing" in codes) == (shape.review is None)
	if shape.review:
		assert codes[REVIEW] == 4
		assert states.order_of(RENAMED) < states.order_of(REVIEW) < states.order_of("Awaiting Signature")


def test_the_main_path(shape, restart, frozen, monkeypatch):
	monkeypatch.setattr(frappe.flags, "in_test", False)  # document history, as on a live site
	doc = receive(restart, frozen)
	assert (doc.status, doc.status_code, doc.due_at) == ("Received", 2, datetime(2026, 3, 5, 10, 0))
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	assert (doc.status, doc.status_code) == (shape.processing, 4)
	seen = [doc.status]
	for i, action in enumerate(shape.to_signature()):
		doc = act(doc, action, f"2026-03-03 0{8 + i}:00", frozen)
		assert doc.status_code == 4 and doc.due_at == datetime(2026, 3, 5, 10, 0)  # the clock runs on
		assert not doc.pauses
		seen.append(doc.status)
	assert seen == [shape.processing, *([REVIEW] if shape.review else []), "Awaiting Signature"]
	doc = act(doc, "Resolve", "2026-03-05 09:30", frozen)
	assert (doc.status_code, doc.timeliness, doc.resolved_at) == (9, "On Time", datetime(2026, 3, 5, 9, 30))
	doc = act(doc, "Return Result", "2026-03-05 16:00", frozen)
	assert (doc.status, doc.status_code, doc.returned_at) == ("Returned", 10, datetime(2026, 3, 5, 16, 0))

	steps = {row.step: row for row in doc.steps}
	assert list(steps) == ["Reception", "Examination", "Approval", "Return"]
	# one examination step for all the processing states, up to the resolution
	assert steps["Examination"].started_at == datetime(2026, 3, 2, 10, 30)
	assert steps["Examination"].completed_at == datetime(2026, 3, 5, 9, 30)
	assert steps["Examination"].timeliness == "On Time"
	history = [
		frappe.parse_json(v.data)
		for v in frappe.get_all(
			"Version",
			filters={"ref_doctype": "Dossier", "docname": doc.name},
			fields=["data"],
			order_by="creation",
		)
	]
	changes = [
		next(change[2] for change in v.get("changed", []) if change[0] == "status")
		for v in history
		if any(change[0] == "status" for change in v.get("changed", []))
	]
	assert changes == [*seen, "Resolved", "Returned"]


def test_pauses_stop_and_restart_the_clock(shape, restart, frozen):
	doc = receive(restart, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(doc, "Request Supplement", "2026-03-03 09:00", frozen, supplement_request="Tờ khai ký lại")
	assert (doc.status, doc.status_code) == ("Awaiting Supplement", 5)
	doc = act(doc, "Supplement Received", "2026-03-04 14:00", frozen)
	assert (doc.status, doc.status_code) == (shape.processing, 4)
	assert doc.due_at == datetime(2026, 3, 9, 14, 0)  # restart: 3 days again from Wed 14:00
	doc = act(doc, "Request Payment", "2026-03-05 08:00", frozen)
	assert doc.status_code == 6
	pay(doc, "2026-03-05 09:30", frozen)
	doc = act(doc, "Payment Received", "2026-03-05 10:00", frozen)
	assert doc.due_at == datetime(2026, 3, 9, 16, 0)  # two working hours later
	assert [(p.pause_type, p.working_hours) for p in doc.pauses] == [("Supplement", 10.5), ("Payment", 2.0)]
	doc = act(doc, "Stop", "2026-03-06 10:00", frozen, stop_reason="Không đủ điều kiện")
	assert (doc.status, doc.status_code) == ("Stopped", 8)
	assert doc.steps[-1].completed_at == datetime(2026, 3, 6, 10, 0)


def test_sending_back_and_withdrawing_before_the_signature(shape, restart, frozen):
	doc = receive(restart, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	for action in shape.to_signature()[:-1]:
		doc = act(doc, action, "2026-03-02 14:00", frozen)
	if not shape.review:
		doc = act(doc, "Submit for Signature", "2026-03-02 14:00", frozen)
	before = doc.status
	with pytest.raises(lifecycle.MissingReasonError):
		act(doc, "Send Back", "2026-03-03 09:00", frozen)
	doc = act(doc, "Send Back", "2026-03-03 09:00", frozen, rework_reason="Sai họ tên trong dự thảo")
	assert (doc.status, doc.status_code) == (shape.processing, 4)
	assert doc.due_at == datetime(2026, 3, 5, 10, 0)
	for action in shape.to_signature()[:-1] or ["Submit for Signature"]:
		doc = act(doc, action, "2026-03-03 10:00", frozen)
	assert doc.status == before
	doc = act(doc, "Withdraw", "2026-03-03 11:00", frozen)
	assert (doc.status, doc.status_code) == ("Withdrawn", 7)
	with pytest.raises(frappe.ValidationError):  # a final state: nothing more happens
		act(doc, "Start Processing", "2026-03-03 11:30", frozen)


def test_the_scan_and_the_worklist_see_every_running_state(shape, restart, frozen):
	waiting = receive(restart, frozen)  # due Thu 10:00
	waiting = act(waiting, "Start Processing", "2026-03-02 10:30", frozen)
	for action in shape.to_signature():
		waiting = act(waiting, action, "2026-03-02 11:00", frozen)
	reviewing = receive(restart, frozen, at="2026-03-02 10:05")
	reviewing = act(reviewing, "Start Processing", "2026-03-02 10:30", frozen)
	for action in shape.to_signature()[:-1]:
		reviewing = act(reviewing, action, "2026-03-02 11:00", frozen)
	later = receive(restart, frozen, at="2026-03-03 10:00")  # due Fri 10:00
	later = act(later, "Start Processing", "2026-03-03 10:30", frozen)
	for action in shape.to_signature():
		later = act(later, action, "2026-03-03 11:00", frozen)

	with frozen("2026-03-05 14:00"):
		result = alerts.scan()
		rows = dossiers_to_sign({})[1]
	assert result["overdue"] >= 2
	for name in (waiting.name, reviewing.name):
		assert frappe.db.get_value("Dossier", name, "is_overdue") == 1
	assert frappe.db.get_value("Dossier", later.name, "is_overdue") == 0
	# the leader's worklist: what waits for a signature, the one due first at the top
	mine = [row.name for row in rows if row.name in (waiting.name, reviewing.name, later.name)]
	assert mine == [waiting.name, later.name]


def test_a_state_without_a_code_is_refused(shape):
	from frappe.client import get, save

	admin = make_unit_user("_test.quantri.tinh@example.vn", "Ward Admin", UNIT_CODE)
	frappe.set_user(admin)
	try:
		frappe.client.insert({"doctype": "Workflow State", "workflow_state_name": "Chờ kiểm tra"})
		workflow = get("Workflow", "Dossier")
		workflow["states"].append({"state": "Chờ kiểm tra", "doc_status": "0", "allow_edit": "Specialist"})
		with pytest.raises(states.StatusCodeError):
			save(workflow)
	finally:
		frappe.set_user("Administrator")


def test_a_ward_admin_cannot_reshape_what_the_province_shares(restart):
	from ward_admin.permissions.configuration import NotYourUnitError
	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

	frappe.db.set_value("Administrative Unit", UNIT_CODE, "is_group", 1)
	ward = (
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": "_Test Phường con",
				"unit_code": "999.10.02.H99",
				"unit_type": "Ward",
				"parent_administrative_unit": UNIT_CODE,
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		)
		.insert()
		.name
	)
	admin = make_unit_user("_test.quantri.phuong@example.vn", "Ward Admin", ward)
	frappe.set_user(admin)
	try:
		workflow = frappe.client.get("Workflow", "Dossier")  # they may read it
		workflow["states"][0]["allow_edit"] = "Specialist"
		with pytest.raises((NotYourUnitError, frappe.PermissionError)):
			frappe.client.save(workflow)
	finally:
		frappe.set_user("Administrator")
