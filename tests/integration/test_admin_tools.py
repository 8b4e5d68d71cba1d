"""A Ward Admin reshapes the one-stop shop with Frappe's own tools, kept to the app and to what
they may read (ward_admin.permissions.admin_tools)."""

import json

import frappe
import pytest
from dossier_factory import UNIT_CODE, make_unit_user, make_ward

from ward_admin.permissions.admin_tools import AdminToolError

REFUSED = (AdminToolError, frappe.PermissionError)


@pytest.fixture
def admin():
	make_ward()  # a top-level unit: its admin is the province's
	user = make_unit_user("_test.quantri.congcu@example.vn", "Ward Admin", UNIT_CODE)
	frappe.set_user(user)
	yield user
	frappe.set_user("Administrator")


def notification(**values) -> dict:
	return {
		"doctype": "Notification",
		"name": f"_Test báo {frappe.generate_hash(length=6)}",
		"subject": "Hồ sơ {{ doc.name }} đã có kết quả",
		"document_type": "Dossier",
		"event": "Value Change",
		"value_changed": "status",
		"channel": "System Notification",
		"condition": "doc.status_code == 9",
		"message": "Hồ sơ {{ doc.name }} của {{ doc.applicant_name | title }}"
		"{% if doc.is_overdue %} (quá hạn){% endif %} đã có kết quả.",
		"recipients": [{"receiver_by_role": "One-Stop Officer"}],
		**values,
	}


def test_the_admin_reaches_the_tools(admin):
	for doctype in (
		"Workflow",
		"Workflow State",
		"Workflow Action Master",
		"Assignment Rule",
		"Notification",
		"Print Format",
	):
		assert frappe.has_permission(doctype, "read"), doctype
	for doctype in (
		"Workflow State",
		"Workflow Action Master",
		"Dossier Routing",
		"Notification",
		"Print Format",
	):
		assert frappe.has_permission(doctype, "create"), doctype
	# dossiers are routed in Dossier Routing, which makes the rules: no rule is written by hand
	assert not frappe.has_permission("Assignment Rule", "write")
	# who may read personal data stays the operators' to decide
	assert not frappe.has_permission("Custom DocPerm", "write")
	assert not frappe.has_permission("DocType", "write")


def test_a_notification_of_the_document_s_own_fields(admin):
	doc = frappe.client.insert(notification())
	assert doc["document_type"] == "Dossier"


@pytest.mark.parametrize(
	"values",
	[
		{"message": "{{ frappe.db.get_value('Dossier', doc.name, 'applicant_id_number') }}"},
		{"message": "{{ doc.applicant_id_number }}"},  # personal data the admin may not read
		{"subject": "{{ doc.get('applicant_phone') }}"},
		{"message": "{% for row in doc.documents %}{{ row.document_name }}{% endfor %}"},
		{"message": "{{ doc.name | format('%s') }}"},
		{"message": "{{ doc.__class__ }}"},
		{"condition": "(doc.applicant_name or '').startswith('N')"},
		{"condition": "doc.applicant_address == 'x'"},
		{"condition": "doc.get('status_code') == 9"},
		{"attach_print": 1, "print_format": "06 Phiếu kiểm soát quá trình giải quyết hồ sơ"},
		{"set_property_after_alert": "status", "property_value": "Resolved"},
		{"document_type": "ToDo", "condition": "", "value_changed": "status"},
	],
)
def test_a_notification_that_would_reach_beyond_the_admin_is_refused(admin, values):
	with pytest.raises(REFUSED):
		frappe.client.insert(notification(**values))


def test_print_formats_come_from_the_builder(admin):
	from frappe.printing.page.print_format_builder.print_format_builder import create_custom_format

	made = create_custom_format("Dossier", "_Test mẫu phiếu", beta=True)
	assert made.print_format_builder_beta and not made.custom_format

	doc = frappe.get_doc("Print Format", made.name)
	doc.format_data = json.dumps(
		[
			{
				"fieldtype": "HTML",
				"options": "<b>{{ frappe.db.get_value('Dossier', doc.name, 'applicant_id_number') }}</b>",
			}
		]
	)
	with pytest.raises(AdminToolError):
		doc.save()

	with pytest.raises(REFUSED):
		frappe.client.insert(
			{
				"doctype": "Print Format",
				"name": "_Test mẫu tự viết",
				"doc_type": "Dossier",
				"custom_format": 1,
				"print_format_type": "Jinja",
				"html": "<p>{{ doc.name }}</p>",
			}
		)
	with pytest.raises(REFUSED):
		create_custom_format("Sales Invoice", "_Test hóa đơn", beta=True)


def test_states_of_other_modules_workflows_are_not_the_admins(admin):
	frappe.set_user("Administrator")
	for state in ("_Test Mở", "_Test Đóng"):
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc({"doctype": "Workflow State", "workflow_state_name": state}).insert()
	if not frappe.db.exists("Workflow Action Master", "_Test Đóng lại"):
		frappe.get_doc(
			{"doctype": "Workflow Action Master", "workflow_action_name": "_Test Đóng lại"}
		).insert()
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": "_Test việc",
			"document_type": "ToDo",
			"is_active": 0,
			"workflow_state_field": "_test_state",
			"states": [
				{"state": "_Test Mở", "doc_status": "0", "allow_edit": "System Manager"},
				{"state": "_Test Đóng", "doc_status": "0", "allow_edit": "System Manager"},
			],
			"transitions": [
				{
					"state": "_Test Mở",
					"action": "_Test Đóng lại",
					"next_state": "_Test Đóng",
					"allowed": "System Manager",
				}
			],
		}
	).insert()
	frappe.set_user(admin)
	state = frappe.get_doc("Workflow State", "_Test Mở")
	state.style = "Danger"
	with pytest.raises(REFUSED):
		state.save()
	workflow = frappe.get_doc("Workflow", "_Test việc")
	workflow.is_active = 1
	with pytest.raises(REFUSED):
		workflow.save()


def test_operators_keep_frappes_full_tools(site):
	frappe.set_user("Administrator")
	doc = frappe.get_doc(
		{
			"doctype": "Print Format",
			"name": "_Test mẫu của quản trị hệ thống",
			"doc_type": "Dossier",
			"custom_format": 1,
			"print_format_type": "Jinja",
			"html": "<p>{{ doc.name }}</p>",
		}
	).insert()
	assert doc.custom_format
