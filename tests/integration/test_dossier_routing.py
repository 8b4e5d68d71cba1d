"""Routing without code: a Dossier Routing generates its Assignment Rule and keeps it in step
(edits, disabling, deletion, staff who leave, new procedure versions); the rule is not changed
by hand; a ward's admin routes only their ward; the patch turns the first releases' rules into
routings (ward_admin.one_stop.doctype.dossier_routing)."""

from functools import cached_property

import frappe
import pytest
from dossier_factory import act, make_procedure, make_unit_user, new_dossier

from ward_admin.one_stop.doctype.dossier_routing.dossier_routing import RoutingError, staff_query
from ward_admin.one_stop.doctype.dossier_routing.rule import GeneratedRuleError
from ward_admin.overrides.assignment_rule import AssignmentOutsideUnitError
from ward_admin.permissions.configuration import NotYourUnitError
from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

PROVINCE, WARD_A, WARD_B = "999.23.00.H99", "999.23.01.H99", "999.23.02.H99"
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@pytest.fixture
def province():
	"""A province with two wards, a civil-status procedure, two specialists and an admin in ward A."""
	for code, name, kind, parent in (
		(PROVINCE, "_Test Tỉnh Phân Công", "Province", None),
		(WARD_A, "_Test Phường Phân Công A", "Ward", PROVINCE),
		(WARD_B, "_Test Phường Phân Công B", "Ward", PROVINCE),
	):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": name,
				"unit_code": code,
				"unit_type": kind,
				"is_group": int(parent is None),
				"parent_administrative_unit": parent,
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert()
	return Staff(make_procedure("9.999230"))


class Staff:
	"""The test's procedure and users, each made when a test first names it (a user costs time)."""

	def __init__(self, procedure):
		self.procedure = procedure

	def made(self, *names: str) -> "Staff":
		"""Make these users now, as Administrator, before the test acts as anyone."""
		for name in names:
			getattr(self, name)
		return self

	first = cached_property(lambda self: make_unit_user("_route.hoa@example.vn", "Specialist", WARD_A))
	second = cached_property(lambda self: make_unit_user("_route.lan@example.vn", "Specialist", WARD_A))
	stranger = cached_property(lambda self: make_unit_user("_route.binh@example.vn", "Specialist", WARD_B))
	admin = cached_property(lambda self: make_unit_user("_route.quantri@example.vn", "Ward Admin", WARD_A))
	admin_b = cached_property(
		lambda self: make_unit_user("_route.quantri.b@example.vn", "Ward Admin", WARD_B)
	)


def routing(unit=WARD_A, users=(), fields=("Hộ tịch",), **values):
	return frappe.get_doc(
		{
			"doctype": "Dossier Routing",
			"administrative_unit": unit,
			"match_by": "Procedure Field",
			"procedure_fields": [{"procedure_field": field} for field in fields],
			"rule": "Round Robin",
			"users": [{"user": user} for user in users],
			**values,
		}
	)


def start_processing(p, frozen, unit=WARD_A, at="2026-03-02 10:00"):
	with frozen(at):
		doc = new_dossier(p.procedure, unit=unit).insert()
	return act(doc, "Start Processing", at, frozen)


def assignees(doc) -> list[str]:
	return frappe.parse_json(frappe.db.get_value("Dossier", doc.name, "_assign") or "[]")


def test_the_ward_admin_routes_a_field_and_the_rule_is_made_from_the_choices(province, frozen):
	p = province.made("first", "second", "admin")
	frappe.set_user(p.admin)
	doc = routing(users=[p.first, p.second]).insert()
	frappe.set_user("Administrator")

	rule = frappe.get_doc("Assignment Rule", doc.assignment_rule)
	assert (rule.document_type, rule.administrative_unit, rule.dossier_routing) == (
		"Dossier",
		WARD_A,
		doc.name,
	)
	assert (rule.rule, rule.disabled, rule.close_condition, rule.unassign_condition) == (
		"Round Robin",
		0,
		None,
		None,
	)
	assert [row.user for row in rule.users] == [p.first, p.second]
	assert [row.day for row in rule.assignment_days] == DAYS
	assert rule.assign_condition == (
		f"administrative_unit in {[WARD_A]!r} and (status_code == 4 and procedure_field in ['Hộ tịch'])"
	)
	assert rule.priority == 2  # a ward (one unit above it), by procedure field
	assert doc.title == "Hộ tịch – _Test Phường Phân Công A"

	# new dossiers alternate between the two specialists
	got = [assignees(start_processing(p, frozen, at=f"2026-03-02 10:0{i}")) for i in range(4)]
	assert got == [[p.first], [p.second], [p.first], [p.second]]
	# another ward's dossiers are not this routing's
	assert assignees(start_processing(p, frozen, unit=WARD_B)) == []


def test_the_rule_follows_edits_disabling_and_deletion(province, frozen):
	p = province.made("first", "second")
	doc = routing(users=[p.first]).insert()
	rule_name = doc.assignment_rule

	doc.append("users", {"user": p.second})
	doc.append("procedure_fields", {"procedure_field": "Chứng thực"})
	doc.rule = "Load Balancing"
	doc.save()
	rule = frappe.get_doc("Assignment Rule", rule_name)
	assert [row.user for row in rule.users] == [p.first, p.second]
	assert rule.rule == "Load Balancing"
	assert "procedure_field in ['Chứng thực', 'Hộ tịch']" in rule.assign_condition

	doc.disabled = 1
	doc.save()
	assert frappe.db.get_value("Assignment Rule", rule_name, "disabled") == 1
	assert assignees(start_processing(p, frozen)) == []

	doc.disabled = 0
	doc.save()
	assert assignees(start_processing(p, frozen, at="2026-03-02 11:00")) in ([p.first], [p.second])

	doc.delete()
	assert not frappe.db.exists("Assignment Rule", rule_name)


def test_a_generated_rule_is_not_changed_by_hand_even_by_an_operator(province):
	p = province.made("first", "admin")
	doc = routing(users=[p.first]).insert()
	rule = frappe.get_doc("Assignment Rule", doc.assignment_rule)
	rule.assign_condition = "True"
	with pytest.raises(GeneratedRuleError):
		rule.save()
	with pytest.raises(GeneratedRuleError):
		frappe.delete_doc("Assignment Rule", rule.name)
	# nor may a hand-made rule claim to be a routing's
	with pytest.raises(GeneratedRuleError):
		frappe.get_doc(
			{
				"doctype": "Assignment Rule",
				"name": "_Test fake routing rule",
				"document_type": "Dossier",
				"administrative_unit": WARD_A,
				"dossier_routing": doc.name,
				"description": "x",
				"assign_condition": "True",
				"users": [{"user": p.first}],
				"assignment_days": [{"day": "Monday"}],
			}
		).insert()
	# a ward's admin reads the rules, and writes none
	frappe.set_user(p.admin)
	assert frappe.has_permission("Assignment Rule", "read", doc=rule)
	assert not frappe.has_permission("Assignment Rule", "write", doc=rule)
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc("Assignment Rule", rule.name).save()


def test_a_ward_admin_routes_only_their_ward_to_its_staff(province):
	p = province.made("first", "stranger", "admin", "admin_b")
	frappe.set_user(p.admin_b)
	with pytest.raises((NotYourUnitError, frappe.PermissionError)):
		routing(unit=WARD_A, users=[p.first]).insert()
	frappe.set_user(p.admin)
	with pytest.raises(AssignmentOutsideUnitError):
		routing(users=[p.first, p.stranger]).insert()
	frappe.set_user("Administrator")
	# a refused routing leaves nothing behind
	assert not frappe.db.exists("Dossier Routing", {"administrative_unit": WARD_A})
	assert not frappe.db.exists("Assignment Rule", {"administrative_unit": WARD_A})


def test_nothing_to_route_nobody_to_route_to_and_overlaps_are_refused(province):
	p = province.made("first", "second")
	with pytest.raises(RoutingError):
		routing(users=[p.first], fields=()).insert()
	with pytest.raises((RoutingError, frappe.MandatoryError)):
		routing(users=()).insert()
	routing(users=[p.first]).insert()
	with pytest.raises(RoutingError):
		routing(users=[p.second], fields=("Chứng thực", "Hộ tịch")).insert()
	# disabled, it may overlap (an admin prepares the next arrangement)
	routing(users=[p.second], disabled=1).insert()


def test_staff_query_lists_the_unit_s_staff_for_its_admins_only(province):
	p = province.made("first", "second", "stranger", "admin", "admin_b")
	frappe.set_user(p.admin)
	found = staff_query("User", "", "name", 0, 20, {"administrative_unit": WARD_A})
	names = [row[0] for row in found]
	assert p.first in names and p.second in names
	assert p.stranger not in names and p.admin not in names  # a Ward Admin reads no dossier
	frappe.set_user(p.admin_b)
	assert staff_query("User", "", "name", 0, 20, {"administrative_unit": WARD_A}) == []


def test_staff_who_leave_the_unit_are_taken_off_and_the_last_one_disables(province, frozen):
	p = province.made("first", "second")
	doc = routing(users=[p.first, p.second]).insert()
	frappe.delete_doc(
		"User Permission", frappe.db.get_value("User Permission", {"user": p.first}), ignore_permissions=True
	)
	doc.reload()
	assert [row.user for row in doc.users] == [p.second]
	assert [row.user for row in frappe.get_doc("Assignment Rule", doc.assignment_rule).users] == [p.second]

	user = frappe.get_doc("User", p.second)
	user.enabled = 0
	user.save(ignore_permissions=True)
	doc.reload()
	assert doc.disabled == 1 and not doc.users
	assert frappe.db.get_value("Assignment Rule", doc.assignment_rule, "disabled") == 1
	comments = frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Dossier Routing", "reference_name": doc.name},
		pluck="content",
	)
	assert len(comments) == 3


def test_a_routing_by_procedure_covers_its_later_versions(province):
	from ward_admin.ward_setup.doctype.administrative_procedure.versions import make_new_version

	p = province.made("first")
	doc = routing(users=[p.first], fields=(), match_by="Procedures", procedures=[{"procedure": p.procedure}])
	doc.insert()
	rule = frappe.get_doc("Assignment Rule", doc.assignment_rule)
	assert rule.assign_condition.endswith(f"(status_code == 4 and procedure in {[p.procedure]!r})")
	assert rule.priority == 3  # by procedures goes before by field in the same ward

	later = make_new_version(p.procedure, "2027-01-01")
	condition = frappe.db.get_value("Assignment Rule", doc.assignment_rule, "assign_condition")
	assert f"procedure in {sorted([p.procedure, later])!r}" in condition


def test_the_first_releases_rules_become_routings(province):
	"""patch v0_5: a rule made by the first releases' setup is owned by a routing; one an admin
	wrote otherwise is left as it is, with a comment."""
	from ward_admin.patches.v0_5.dossier_routings import convert

	p = province.made("first", "second")

	def old_rule(name, condition):
		return frappe.get_doc(
			{
				"doctype": "Assignment Rule",
				"name": name,
				"document_type": "Dossier",
				"administrative_unit": WARD_A,
				"description": "Hồ sơ Hộ tịch",
				"rule": "Round Robin",
				"assign_condition": condition,
				"close_condition": "status_code in (3, 7, 8, 9, 10)",
				"users": [{"user": p.first}, {"user": p.second}],
				"assignment_days": [{"day": day} for day in DAYS],
			}
		).insert()

	made = old_rule("_Test Dossier - Hộ tịch", 'status_code == 4 and procedure_field == "Hộ tịch"')
	made.db_set("last_user", p.first)
	written = old_rule("_Test hand rule", "status_code == 4 and channel == 'Online'")
	convert(frappe.get_doc("Assignment Rule", made.name))
	convert(frappe.get_doc("Assignment Rule", written.name))

	name = frappe.db.get_value("Dossier Routing", {"assignment_rule": made.name})
	assert name
	routed = frappe.get_doc("Dossier Routing", name)
	assert [row.procedure_field for row in routed.procedure_fields] == ["Hộ tịch"]
	assert [row.user for row in routed.users] == [p.first, p.second]
	rule = frappe.get_doc("Assignment Rule", made.name)
	assert (rule.dossier_routing, rule.close_condition, rule.last_user) == (name, None, p.first)
	assert not frappe.db.get_value("Assignment Rule", written.name, "dossier_routing")
	assert frappe.db.exists(
		"Comment", {"reference_doctype": "Assignment Rule", "reference_name": written.name}
	)
