"""What staff and admins no longer stumble over (issue 23), on the real site; each test is rolled
back. The screens themselves are swept in tests/browser/test_screen_sweep.py."""

import frappe
import pytest
from dossier_factory import make_procedure, make_unit_user, make_ward, new_dossier
from frappe.model.workflow import apply_workflow
from frappe.utils.password import update_password

from ward_admin.fees import dossier_fees
from ward_admin.fees.doctype.fee_receipt import online
from ward_admin.one_stop.doctype.dossier.printing import dossier_print_context
from ward_admin.permissions import admin_tools, configuration
from ward_admin.services.receipts import sign
from ward_admin.setup.desk import workspace_for
from ward_admin.setup.fees import set_payment_secret
from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

PROVINCE = "999.93.00.S93"
WARD = "999.93.02.H93"
OFFICER = "_friction.motcua@example.vn"
SPECIALIST = "_friction.hotich@example.vn"
WARD_ADMIN = "_friction.quantri@example.vn"
PROVINCE_ADMIN = "_friction.quantri.tinh@example.vn"


@pytest.fixture
def staff(db):
	make_ward(PROVINCE, "_Test Tỉnh Thiết Kế")
	frappe.db.set_value("Administrative Unit", PROVINCE, {"unit_type": "Province", "is_group": 1})
	frappe.get_doc(
		{
			"doctype": "Administrative Unit",
			"unit_name": "_Test Phường Không Vướng",
			"unit_code": WARD,
			"unit_type": "Ward",
			"parent_administrative_unit": PROVINCE,
			"working_calendar": DEFAULT_WORKING_CALENDAR,
		}
	).insert()
	for email, role in (
		(OFFICER, "One-Stop Officer"),
		(SPECIALIST, "Specialist"),
		(WARD_ADMIN, "Ward Admin"),
	):
		make_unit_user(email, role, WARD)
	frappe.db.set_value("User", OFFICER, {"first_name": "Nguyễn Thị", "last_name": "Mai"})
	getattr(frappe.local, "fullnames", {}).pop(OFFICER, None)
	return make_procedure()


def as_user(user, action, *args, **kwargs):
	frappe.set_user(user)
	try:
		return action(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def awaiting_payment(procedure):
	doc = as_user(OFFICER, lambda: new_dossier(procedure, unit=WARD).insert())
	for action in ("Start Processing", "Request Payment"):
		doc = as_user(SPECIALIST, apply_workflow, frappe.get_doc("Dossier", doc.name), action)
	assert doc.status_code == 6
	return doc


def test_a_receipt_covering_the_fee_offers_payment_received(staff):
	doc = awaiting_payment(staff)
	assert as_user(OFFICER, dossier_fees.fee_status, doc.name)["payment_action"] is None  # unpaid
	receipt = frappe.get_doc(
		{"doctype": "Fee Receipt", "dossier": doc.name, "amount": doc.fee_amount, "payment_channel": "Cash"}
	)
	as_user(OFFICER, lambda: receipt.insert().submit())
	status = as_user(OFFICER, dossier_fees.fee_status, doc.name)
	assert status["unpaid"] == 0 and status["payment_action"] == "Payment Received"
	as_user(OFFICER, dossier_fees.payment_received, doc.name)
	assert frappe.db.get_value("Dossier", doc.name, "status_code") == 4
	# nothing left to offer, and asking again is refused
	assert as_user(OFFICER, dossier_fees.fee_status, doc.name)["payment_action"] is None
	with pytest.raises(dossier_fees.FeeNotPaidError):
		as_user(OFFICER, dossier_fees.payment_received, doc.name)


def test_a_payment_through_the_gateway_resumes_processing_by_itself(staff):
	doc = awaiting_payment(staff)
	set_payment_secret(WARD, "friction-secret")
	fields = {
		"transaction_id": f"_FRICTION-{doc.name}",
		"dossier": doc.name,
		"amount": str(int(doc.fee_amount)),
		"paid_at": "2026-12-01T10:00:00+07:00",
	}
	frappe.set_user("Guest")
	try:
		online.issue({**fields, "signature": sign(fields, "friction-secret")})
	finally:
		frappe.set_user("Administrator")
	assert frappe.db.get_value("Dossier", doc.name, "status_code") == 4


def test_only_staff_who_may_change_the_dossier_move_it_on(staff):
	doc = awaiting_payment(staff)
	receipt = frappe.get_doc(
		{"doctype": "Fee Receipt", "dossier": doc.name, "amount": doc.fee_amount, "payment_channel": "Cash"}
	)
	as_user(OFFICER, lambda: receipt.insert().submit())
	inspector = make_unit_user("_friction.thanhtra@example.vn", "Inspector", WARD)
	with pytest.raises(frappe.PermissionError):
		as_user(inspector, dossier_fees.payment_received, doc.name)


def test_form_01_names_the_officer_who_received_the_dossier(staff):
	counter = as_user(OFFICER, lambda: new_dossier(staff, unit=WARD).insert())
	assert dossier_print_context(counter).receiver == "Nguyễn Thị Mai"
	online_dossier = new_dossier(staff, unit=WARD, channel="Online", received_at=None).insert(
		ignore_permissions=True
	)
	assert dossier_print_context(online_dossier).receiver == ""  # nobody has received it yet
	as_user(OFFICER, apply_workflow, frappe.get_doc("Dossier", online_dossier.name), "Receive")
	assert dossier_print_context(frappe.get_doc("Dossier", online_dossier.name)).receiver == "Nguyễn Thị Mai"


def test_a_ward_admin_keeps_to_the_apps_notifications(staff):
	erpnext = frappe.get_all(
		"Notification", filters={"document_type": ("in", ["Material Request", "Fiscal Year"])}, pluck="name"
	)
	assert erpnext, "ERPNext ships site-wide notifications"
	ours = frappe.get_doc(
		{
			"doctype": "Notification",
			"name": "_Test thông báo hồ sơ",
			"subject": "Hồ sơ {{ doc.name }}",
			"document_type": "Dossier",
			"event": "New",
			"channel": "System Notification",
			"message": "Có hồ sơ mới",
			"recipients": [{"receiver_by_role": "One-Stop Officer"}],
		}
	).insert(ignore_permissions=True)
	listed = as_user(WARD_ADMIN, frappe.get_list, "Notification", pluck="name", limit_page_length=0)
	assert ours.name in listed and not set(erpnext) & set(listed)
	for name in erpnext:
		assert not frappe.has_permission("Notification", "read", doc=name, user=WARD_ADMIN)
	assert frappe.has_permission("Notification", "read", doc=ours.name, user=WARD_ADMIN)


def test_configuration_says_whose_it_is_to_who_may_not_change_it(staff):
	calendar = frappe.get_doc("Working Calendar", DEFAULT_WORKING_CALENDAR)
	frappe.set_user(WARD_ADMIN)
	try:
		configuration.onload(calendar)
	finally:
		frappe.set_user("Administrator")
	assert calendar.get_onload().can_change is False and calendar.get_onload().owned_by


def test_the_province_admin_opens_the_workflow_builder(staff):
	make_unit_user(PROVINCE_ADMIN, "Ward Admin", PROVINCE)
	update_password(PROVINCE_ADMIN, "Workflow-Builder-2026!")
	from frappe.desk.desk_page import get

	page = as_user(PROVINCE_ADMIN, get, "workflow-builder")
	assert page.name == "workflow-builder"
	assert as_user(PROVINCE_ADMIN, frappe.has_permission, "Workflow", "write", "Dossier")
	# the admin of a ward of the province reads the province's workflow, and may not save it
	ward_admin = WARD_ADMIN
	assert admin_tools.is_ward_admin(ward_admin)
	assert as_user(ward_admin, frappe.has_permission, "Workflow", "read", "Dossier")
	assert not as_user(ward_admin, frappe.has_permission, "Workflow", "write", "Dossier")
	workflow = frappe.get_doc("Workflow", "Dossier")
	as_user(ward_admin, configuration.onload, workflow)
	assert workflow.get_onload().can_change is False
	# their own ward's form: its working calendar is theirs to choose, the rest the province's
	own = frappe.get_doc("Administrative Unit", WARD)
	as_user(ward_admin, configuration.onload, own)
	assert own.get_onload().editable_fields == ["working_calendar"] and own.get_onload().owned_by


def test_each_role_lands_on_a_workspace_it_may_open():
	assert workspace_for({"Emulation Officer"}) == "Emulation"
	assert workspace_for({"Ward Leader"}) == "Service Indicators"
	assert workspace_for({"Emulation Officer", "Inspector"}) == "Service Indicators"
	assert workspace_for({"One-Stop Officer"}) == "One-Stop Shop"
