"""The app is installed on a real site: roles, shipped calendar, unit tree and its validations."""

import frappe
import pytest

from ward_admin.setup.holidays import DEFAULT_HOLIDAY_LIST, DEFAULT_WORKING_CALENDAR
from ward_admin.setup.roles import STAFF_ROLES


def test_staff_roles_exist_with_desk_access():
	for role in STAFF_ROLES:
		assert frappe.db.get_value("Role", role, "desk_access") == 1, role


def test_app_installed_after_erpnext():
	apps = frappe.get_installed_apps()
	assert apps.index("erpnext") < apps.index("ward_admin")


def test_shipped_holiday_list_has_tet_and_weekends():
	holidays = {
		str(d)
		for d in frappe.get_all(
			"Holiday", filters={"parent": DEFAULT_HOLIDAY_LIST}, pluck="holiday_date", limit=0
		)
	}
	assert "2026-02-17" in holidays  # Mùng 1 Tết Bính Ngọ
	assert "2026-09-02" in holidays
	assert "2026-11-28" in holidays  # a Saturday
	assert "2026-11-26" not in holidays  # a Thursday
	calendar = frappe.get_doc("Working Calendar", DEFAULT_WORKING_CALENDAR)
	assert calendar.holiday_list == DEFAULT_HOLIDAY_LIST
	assert str(calendar.cutoff_time) in ("15:00:00", "15:00")


def make_unit(**values):
	doc = {
		"doctype": "Administrative Unit",
		"unit_name": "_Test Phường",
		"unit_code": "999.00.01.H99",
		"unit_type": "Ward",
	}
	doc.update(values)
	return frappe.get_doc(doc)


def test_unit_tree_and_merge():
	province = make_unit(
		unit_name="_Test Tỉnh", unit_code="999.00.00.H99", unit_type="Province", is_group=1
	).insert()
	ward = make_unit(parent_administrative_unit=province.name).insert()
	other = make_unit(
		unit_name="_Test Phường 2", unit_code="999.00.02.H99", parent_administrative_unit=province.name
	).insert()
	province.reload()
	assert province.lft < ward.lft < ward.rgt < province.rgt

	other.valid_to = "2026-06-30"
	other.merged_into = ward.name
	other.save()
	assert frappe.db.get_value("Administrative Unit", other.name, "merged_into") == ward.name

	ward.valid_to = "2026-06-30"
	ward.merged_into = ward.name
	with pytest.raises(frappe.ValidationError, match="merged into itself"):
		ward.save()

	with pytest.raises(frappe.ValidationError, match="never deleted"):
		frappe.delete_doc("Administrative Unit", other.name)
	assert frappe.db.exists("Administrative Unit", other.name)


def test_the_unit_tree_answers_from_one_place_and_forgets_what_is_undone():
	from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

	province = make_unit(
		unit_name="_Test Tỉnh", unit_code="999.00.00.H99", unit_type="Province", is_group=1
	).insert()
	ward = make_unit(parent_administrative_unit=province.name).insert()
	other = make_unit(
		unit_name="_Test Phường 2", unit_code="999.00.02.H99", parent_administrative_unit=province.name
	).insert()
	assert unit_tree.descendants(province.name) == [province.name, ward.name, other.name]
	assert unit_tree.descendants(ward.name) == [ward.name]
	assert unit_tree.ancestors(ward.name) == [province.name]
	assert unit_tree.province_of(ward.name) == unit_tree.province_of(province.name) == province.name
	assert unit_tree.wards(province.name) == sorted([ward.name, other.name])
	assert unit_tree.is_below(ward.name, province.name) and not unit_tree.is_below(province.name, ward.name)
	assert province.name in unit_tree.roots()
	# one answer for a unit that does not exist: nothing under it, nothing above it
	for function in (unit_tree.descendants, unit_tree.ancestors, unit_tree.wards):
		assert function("999.99.99.X99") == []
	assert unit_tree.province_of("999.99.99.X99") is None
	assert not unit_tree.is_below("999.99.99.X99", province.name)

	# a unit moved under another is seen at once
	other.reload()
	other.parent_administrative_unit = ward.name
	frappe.get_doc("Administrative Unit", ward.name).db_set("is_group", 1)
	other.save()
	assert unit_tree.ancestors(other.name) == [province.name, ward.name]
	assert unit_tree.descendants(ward.name) == [ward.name, other.name]

	# a rolled back transaction takes its units out of the cached tree too
	frappe.db.rollback()
	assert not unit_tree.exists(province.name)
	assert unit_tree.descendants(province.name) == []


@pytest.mark.parametrize(
	"values, message",
	[
		({"unit_code": "H22-01"}, "not an agency code"),
		({"valid_from": "2026-01-02", "valid_to": "2026-01-01"}, "Valid To cannot be before"),
	],
)
def test_bad_unit_is_refused_and_nothing_written(values, message):
	with pytest.raises(frappe.ValidationError, match=message):
		make_unit(**values).insert()
	assert not frappe.db.exists("Administrative Unit", {"unit_name": "_Test Phường"})


def test_bad_working_calendar_is_refused():
	calendar = frappe.get_doc(
		{
			"doctype": "Working Calendar",
			"calendar_name": "_Test Calendar",
			"holiday_list": DEFAULT_HOLIDAY_LIST,
			"morning_start": "11:30:00",
			"morning_end": "07:30:00",
			"afternoon_start": "13:30:00",
			"afternoon_end": "17:00:00",
			"cutoff_time": "15:00:00",
		}
	)
	with pytest.raises(frappe.ValidationError, match="Office sessions must run in order"):
		calendar.insert()
	assert not frappe.db.exists("Working Calendar", "_Test Calendar")


def test_ward_user_sees_own_unit_only():
	province = make_unit(
		unit_name="_Test Tỉnh", unit_code="999.00.00.H99", unit_type="Province", is_group=1
	).insert()
	mine = make_unit(parent_administrative_unit=province.name).insert()
	make_unit(
		unit_name="_Test Phường 2", unit_code="999.00.02.H99", parent_administrative_unit=province.name
	).insert()
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": "_test.unit.officer@example.vn",
			"first_name": "Unit",
			"send_welcome_email": 0,
			"roles": [{"role": "One-Stop Officer"}],
		}
	).insert()
	frappe.get_doc(
		{
			"doctype": "User Permission",
			"user": user.name,
			"allow": "Administrative Unit",
			"for_value": mine.name,
			"apply_to_all_doctypes": 1,
		}
	).insert()
	frappe.set_user(user.name)
	visible = frappe.get_list("Administrative Unit", filters={"unit_code": ["like", "999.%"]}, pluck="name")
	assert visible == [mine.name]

	# the tree view starts at the ward for them (they cannot read the province above it) …
	from ward_admin.ward_setup.doctype.administrative_unit.administrative_unit import get_children

	assert [n.value for n in get_children("Administrative Unit", "", is_root="true")] == [mine.name]
	# … and at the province, with its wards below, for whoever may read the whole tree
	frappe.set_user("Administrator")
	assert province.name in [n.value for n in get_children("Administrative Unit", "", is_root=True)]
	assert mine.name not in [n.value for n in get_children("Administrative Unit", "", is_root=True)]
	children = get_children("Administrative Unit", province.name)
	assert [(n.value, n.title) for n in children] == [
		(mine.name, mine.unit_name),
		("999.00.02.H99", "_Test Phường 2"),
	]


def test_admin_edits_to_the_workflow_survive_migrate():
	from ward_admin.setup.install import after_migrate
	from ward_admin.setup.workflow import ensure_dossier_workflow

	workflow = frappe.get_doc("Workflow", "Dossier")
	assert workflow.workflow_state_field == "status"
	stop = next(t for t in workflow.transitions if t.action == "Stop")
	stop.allowed = "Specialist"  # the ward lets specialists stop a dossier
	workflow.save()
	try:
		# what migrate runs of ours (after_install commits, so it is not called here; it runs the
		# same ensure_* steps)
		after_migrate()
		ensure_dossier_workflow()

		workflow = frappe.get_doc("Workflow", "Dossier")
		assert next(t for t in workflow.transitions if t.action == "Stop").allowed == "Specialist"
	finally:
		# migrate's steps may change the schema, which commits: put the shipped role back for good
		frappe.db.rollback()
		workflow = frappe.get_doc("Workflow", "Dossier")
		next(t for t in workflow.transitions if t.action == "Stop").allowed = "Ward Leader"
		workflow.save()
		frappe.db.commit()
