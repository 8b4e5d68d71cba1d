"""Ward isolation and the province/ward split, in-process: each rule of ward_admin.permissions.

The HTTP view of the same rules is tests/security/; here each rule is checked on its own, with
the exception classes the app raises.
"""

import frappe
import pytest
from dossier_factory import make_procedure, make_unit_user, new_dossier
from frappe.model.workflow import apply_workflow

from ward_admin.one_stop.doctype.dossier.protection import (
	ClosedDossierError,
	DossierRowError,
	WorkflowEditError,
)
from ward_admin.overrides.assignment_rule import AssignmentOutsideUnitError
from ward_admin.permissions.configuration import NotYourUnitError
from ward_admin.permissions.documents import OutsideUnitError
from ward_admin.permissions.queries import PersonalDataQueryError
from ward_admin.setup.assignment import ensure_field_assignment_rule
from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

PROVINCE, WARD_A, WARD_B = "999.60.00.H99", "999.60.01.H99", "999.60.02.H99"


@pytest.fixture
def province():
	"""A province with two wards (rolled back after each test)."""
	for code, name, kind, parent in (
		(PROVINCE, "_Test Tỉnh Iso", "Province", None),
		(WARD_A, "_Test Phường Iso A", "Ward", PROVINCE),
		(WARD_B, "_Test Phường Iso B", "Ward", PROVINCE),
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
	return make_procedure("9.999600")


def dossier(procedure, unit, **values):
	return new_dossier(procedure, unit=unit, **values).insert()


def as_user(user):
	frappe.set_user(user)
	return user


# ---------------------------------------------------------------- who sees which dossiers


def test_staff_see_their_unit_the_province_sees_all_and_nobody_else_sees_any(province):
	a, b = dossier(province, WARD_A).name, dossier(province, WARD_B).name
	officer_a = make_unit_user("_iso.officer.a@example.vn", "One-Stop Officer", WARD_A)
	province_officer = make_unit_user("_iso.officer.p@example.vn", "One-Stop Officer", PROVINCE)
	homeless = make_unit_user("_iso.homeless@example.vn", "One-Stop Officer", None)
	names = {a, b}

	def visible(user):
		as_user(user)
		return set(frappe.get_list("Dossier", filters={"name": ("in", list(names))}, pluck="name"))

	assert visible(officer_a) == {a}
	assert visible(province_officer) == {a, b}
	assert visible(homeless) == set(), "a staff user with no unit must see nothing (fail closed)"
	as_user(officer_a)
	assert frappe.has_permission("Dossier", "read", a) and not frappe.has_permission("Dossier", "read", b)


def test_child_rows_of_another_unit_are_not_listed(province):
	a, b = dossier(province, WARD_A), dossier(province, WARD_B)
	as_user(make_unit_user("_iso.officer.a@example.vn", "One-Stop Officer", WARD_A))
	rows = frappe.get_list("Dossier Document", parent_doctype="Dossier", fields=["parent"], limit=0)
	parents = {row.parent for row in rows}
	assert a.name in parents and b.name not in parents


def test_a_change_is_judged_on_the_stored_unit(province):
	"""Sending the user's own unit with another unit's dossier does not pass the check."""
	b = dossier(province, WARD_B)
	as_user(make_unit_user("_iso.officer.a@example.vn", "One-Stop Officer", WARD_A))
	doc = frappe.get_doc("Dossier", b.name)
	doc.administrative_unit = WARD_A
	assert not doc.has_permission("write")


# ---------------------------------------------------------------- personal data in queries


@pytest.mark.parametrize(
	"query",
	[
		{"filters": {"applicant_id_number": ["like", "001%"]}},
		{"or_filters": [["applicant_phone", "like", "09%"]]},
		{"order_by": "applicant_phone asc"},
		{"group_by": "applicant_id_number", "fields": ["count(name) as n"]},
		{"fields": ["`name`, `applicant_id_number`"]},
		{"fields": ["elt(2, name, applicant_phone) as p"]},
		{"filters": [["Dossier", "applicant_address", "like", "%Lê%"]]},
	],
)
def test_no_query_of_a_reader_without_access_names_personal_data(province, query):
	dossier(province, WARD_A, applicant_address="Lê Lợi")
	as_user(make_unit_user("_iso.inspector@example.vn", "Inspector", WARD_A))
	with pytest.raises(PersonalDataQueryError):
		frappe.get_list("Dossier", **query)


def test_a_reader_with_access_queries_personal_data(province):
	doc = dossier(province, WARD_A)
	as_user(make_unit_user("_iso.officer.a@example.vn", "One-Stop Officer", WARD_A))
	found = frappe.get_list("Dossier", filters={"applicant_id_number": doc.applicant_id_number}, pluck="name")
	assert doc.name in found


def test_the_query_guard_is_installed_where_frappe_builds_every_list_query():
	import inspect

	from frappe.model.db_query import DatabaseQuery

	# every web request and background job installs it (tests/conftest.py does as they do)
	assert "ward_admin.framework.install" in frappe.get_hooks("before_request")
	assert "ward_admin.framework.install" in frappe.get_hooks("before_job")
	assert getattr(DatabaseQuery.prepare_args, "wrapped_by_ward_admin", False)
	assert "self.prepare_args()" in inspect.getsource(DatabaseQuery.build_and_run), (
		"Frappe no longer builds its queries in prepare_args: move ward_admin.permissions.queries"
	)
	with pytest.raises(PersonalDataQueryError):
		frappe.set_user(make_unit_user("_iso.inspector@example.vn", "Inspector", None))
		frappe.get_list("Dossier", filters={"applicant_phone": "x"})


def test_every_writer_of_a_unit_scoped_doctype_reads_its_personal_data():
	"""Frappe returns the saved document, personal data included, to whoever saves it."""
	from ward_admin.permissions.scope import unit_scoped_doctypes

	for doctype in unit_scoped_doctypes():
		meta = frappe.get_meta(doctype)
		levels = {df.permlevel for df in meta.fields}
		for perm in meta.permissions:
			if perm.permlevel == 0 and (perm.write or perm.create):
				readable = {p.permlevel for p in meta.permissions if p.role == perm.role and p.read}
				assert levels <= readable, f"{perm.role} writes {doctype} but cannot read all of it"


# ---------------------------------------------------------------- what a client may change


def test_read_only_fields_keep_their_values_on_a_client_save(province):
	doc = dossier(province, WARD_A)
	as_user(make_unit_user("_iso.officer.a@example.vn", "One-Stop Officer", WARD_A))
	due, received = doc.due_at, doc.received_at
	doc = frappe.get_doc("Dossier", doc.name)
	doc.update({"due_at": "2030-01-01 08:00:00", "received_at": "2020-01-01 08:00:00", "status_code": 10})
	doc.steps[0].due_at = "2030-01-01 08:00:00"
	doc.owner = "someone.else@example.vn"
	doc.save()
	doc.reload()
	assert (doc.due_at, doc.received_at, doc.status_code) == (due, received, 2)
	assert str(doc.steps[0].due_at) != "2030-01-01 08:00:00" and doc.owner == "Administrator"


def test_a_new_dossier_starts_its_own_clock(province):
	as_user(make_unit_user("_iso.officer.a@example.vn", "One-Stop Officer", WARD_A))
	doc = dossier(province, WARD_A, received_at="2020-01-01 08:00:00", due_at="2030-01-01 08:00:00")
	assert str(doc.received_at) > "2025" and str(doc.due_at) < "2030"


def test_mandatory_documents_stay_mandatory(province):
	as_user(make_unit_user("_iso.officer.a@example.vn", "One-Stop Officer", WARD_A))
	doc = new_dossier(province, unit=WARD_A)
	for row in doc.documents:
		row.mandatory = 0
		row.received = 0
	with pytest.raises(frappe.ValidationError):
		doc.insert()  # the procedure's "Tờ khai" is mandatory whatever the client sent


def test_a_closed_dossier_is_not_edited(province):
	doc = dossier(province, WARD_A, refusal_reason="Sai thẩm quyền")
	apply_workflow(doc, "Withdraw")
	as_user(make_unit_user("_iso.leader@example.vn", "Ward Leader", WARD_A))
	doc = frappe.get_doc("Dossier", doc.name)
	doc.applicant_name = "Tên khác"
	with pytest.raises(ClosedDossierError):
		doc.save()


def test_only_the_states_editor_role_edits(province):
	doc = dossier(province, WARD_A)  # Received: the One-Stop Officer edits
	as_user(make_unit_user("_iso.specialist@example.vn", "Specialist", WARD_A))
	doc = frappe.get_doc("Dossier", doc.name)
	doc.result_digitized = 1
	with pytest.raises(WorkflowEditError):
		doc.save()


def test_a_row_is_not_saved_on_its_own(province):
	doc = dossier(province, WARD_A)
	row = frappe.get_doc("Dossier Step", doc.steps[0].name)
	row.due_at = "2030-01-01 08:00:00"
	with pytest.raises(DossierRowError):
		row.save()


def test_deleting_a_dossier_takes_its_traces(province):
	doc = dossier(province, WARD_A)
	specialist = make_unit_user("_iso.specialist@example.vn", "Specialist", WARD_A)
	from frappe.desk.form.assign_to import add as assign

	assign({"assign_to": [specialist], "doctype": "Dossier", "name": doc.name})
	doc.add_comment("Comment", "ghi chú")
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"subject": "x",
			"for_user": specialist,
			"document_type": "Dossier",
			"document_name": doc.name,
		}
	).insert(ignore_permissions=True)
	frappe.delete_doc("Dossier", doc.name)
	for doctype, field in (
		("ToDo", "reference_name"),
		("Comment", "reference_name"),
		("DocShare", "share_name"),
		("Notification Log", "document_name"),
	):
		assert not frappe.db.exists(doctype, {field: doc.name}), doctype


# ---------------------------------------------------------------- handing dossiers on


def test_a_dossier_is_shared_only_inside_its_unit(province):
	from frappe.share import add_docshare

	b = dossier(province, WARD_B)
	outsider = make_unit_user("_iso.specialist.a@example.vn", "Specialist", WARD_A)
	with pytest.raises(OutsideUnitError):
		add_docshare("Dossier", b.name, outsider, read=1, flags={"ignore_share_permission": 1})
	with pytest.raises(OutsideUnitError):
		add_docshare("Dossier", b.name, everyone=1, read=1, flags={"ignore_share_permission": 1})
	insider = make_unit_user("_iso.specialist.b@example.vn", "Specialist", WARD_B)
	add_docshare("Dossier", b.name, insider, read=1, flags={"ignore_share_permission": 1})


def test_a_dossier_is_assigned_only_inside_its_unit(province):
	from frappe.desk.form.assign_to import add as assign

	b = dossier(province, WARD_B)
	outsider = make_unit_user("_iso.specialist.a@example.vn", "Specialist", WARD_A)
	with pytest.raises(OutsideUnitError):
		assign({"assign_to": [outsider], "doctype": "Dossier", "name": b.name})


def test_assignment_rules_stay_in_their_unit(province, frozen):
	specialist_a = make_unit_user("_iso.specialist.a@example.vn", "Specialist", WARD_A)
	specialist_b = make_unit_user("_iso.specialist.b@example.vn", "Specialist", WARD_B)
	with pytest.raises(AssignmentOutsideUnitError):
		ensure_field_assignment_rule("Hộ tịch", [specialist_b], WARD_A)
	rule = ensure_field_assignment_rule("Hộ tịch", [specialist_a], WARD_A)
	assert frappe.db.get_value("Assignment Rule", rule, "assign_condition").startswith(
		"administrative_unit in"
	)
	with frozen("2026-03-02 09:00"):
		a, b = dossier(province, WARD_A), dossier(province, WARD_B)
	with frozen("2026-03-02 10:00"):
		for doc in (a, b):
			apply_workflow(frappe.get_doc("Dossier", doc.name), "Start Processing")
	assert frappe.parse_json(frappe.db.get_value("Dossier", a.name, "_assign")) == [specialist_a]
	assert not frappe.parse_json(frappe.db.get_value("Dossier", b.name, "_assign") or "[]")


def test_a_rule_without_its_unit_is_refused(province):
	rule = frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": "_Test rule without unit",
			"document_type": "Dossier",
			"description": "x",
			"assign_condition": "True",
			"users": [{"user": make_unit_user("_iso.specialist.a@example.vn", "Specialist", WARD_A)}],
			"assignment_days": [{"day": "Monday"}],
		}
	)
	with pytest.raises(AssignmentOutsideUnitError):
		rule.insert()


# ---------------------------------------------------------------- province and ward administration


def calendar(name, owner=None):
	from ward_admin.ward_setup.doctype.working_calendar.working_calendar import DEFAULT_SESSIONS

	return frappe.get_doc(
		{
			"doctype": "Working Calendar",
			"calendar_name": name,
			"administrative_unit": owner,
			**DEFAULT_SESSIONS,
			"holiday_list": frappe.db.get_value("Working Calendar", DEFAULT_WORKING_CALENDAR, "holiday_list"),
		}
	).insert(ignore_permissions=True)


def test_the_province_keeps_what_every_ward_shares(province):
	name = calendar("_Test lịch tỉnh").name
	as_user(make_unit_user("_iso.admin.a@example.vn", "Ward Admin", WARD_A))
	shared = frappe.get_doc("Working Calendar", name)
	shared.cutoff_time = "16:00:00"
	with pytest.raises(frappe.PermissionError):
		shared.save()
	procedure = frappe.get_doc("Administrative Procedure", province)
	procedure.processing_time = 9
	with pytest.raises(frappe.PermissionError):
		procedure.save()
	as_user(make_unit_user("_iso.admin.p@example.vn", "Ward Admin", PROVINCE))
	shared = frappe.get_doc("Working Calendar", name)
	shared.cutoff_time = "16:00:00"
	shared.save()
	procedure.reload()
	procedure.processing_time = 9
	procedure.save()


def test_a_ward_keeps_its_own_calendar_and_no_other(province):
	own, other = calendar("_Test lịch A", WARD_A).name, calendar("_Test lịch B", WARD_B).name
	as_user(make_unit_user("_iso.admin.a@example.vn", "Ward Admin", WARD_A))
	own = frappe.get_doc("Working Calendar", own)
	own.cutoff_time = "16:00:00"
	own.save()
	other = frappe.get_doc("Working Calendar", other)
	other.cutoff_time = "16:00:00"
	with pytest.raises(frappe.PermissionError):
		other.save()
	own.reload()
	own.administrative_unit = WARD_B
	with pytest.raises((frappe.PermissionError, NotYourUnitError)):
		own.save()


def test_a_ward_sets_its_calendar_but_not_its_place_in_the_tree(province):
	own, other = calendar("_Test lịch A", WARD_A), calendar("_Test lịch B", WARD_B)
	as_user(make_unit_user("_iso.admin.a@example.vn", "Ward Admin", WARD_A))
	unit = frappe.get_doc("Administrative Unit", WARD_A)
	unit.working_calendar = own.name
	unit.save()
	unit.reload()
	unit.working_calendar = other.name
	with pytest.raises(frappe.ValidationError):
		unit.save()
	unit.reload()
	unit.unit_name = "Phường đổi tên"
	with pytest.raises(frappe.PermissionError):
		unit.save()
	with pytest.raises(frappe.PermissionError):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": "_Test phường mới",
				"unit_code": "999.60.03.H99",
				"unit_type": "Ward",
				"parent_administrative_unit": PROVINCE,
			}
		).insert()


def test_the_province_adds_a_ward_and_its_staff_see_it_at_once(province):
	province_officer = make_unit_user("_iso.officer.p@example.vn", "One-Stop Officer", PROVINCE)
	as_user(province_officer)
	assert "999.60.03.H99" not in frappe.get_list("Administrative Unit", pluck="name")
	frappe.set_user("Administrator")
	frappe.get_doc(
		{
			"doctype": "Administrative Unit",
			"unit_name": "_Test phường mới",
			"unit_code": "999.60.03.H99",
			"unit_type": "Ward",
			"parent_administrative_unit": PROVINCE,
		}
	).insert()
	as_user(province_officer)
	assert "999.60.03.H99" in frappe.get_list("Administrative Unit", pluck="name")


def test_no_link_of_a_unit_scoped_doctype_ignores_user_permissions():
	"""Frappe's own User Permission filter is the first line; no field may opt out of it."""
	from ward_admin.permissions.scope import child_doctypes, unit_scoped_doctypes

	for doctype in unit_scoped_doctypes():
		for name in (doctype, *child_doctypes(doctype)):
			opted_out = [
				df.fieldname
				for df in frappe.get_meta(name).fields
				# but an Employee link: ERPNext gives each user with an Employee a User Permission
				# on it, which would hide every colleague's points from their leader; the unit
				# scope and the emulation module's personal-record rule decide who reads those
				if df.ignore_user_permissions and not (df.fieldtype == "Link" and df.options == "Employee")
			]
			assert not opted_out, f"{name}: {opted_out}"


# ---------------------------------------------------------------- what the rules apply to

# ERPNext gives the "Employee" role to every user with an Employee and a User Permission on that
# Employee: the doctypes it opens (Employee, Timesheet, Call Log) show a user their own records.
# Ward staff's access beyond that comes from the app's roles, and "All" reaches every user.
STAFF_READ_ROLES = frozenset({"All", "Desk User"})


def staff_readable(doctype: str, staff_roles: frozenset[str]) -> bool:
	"""May a ward staff role read the doctype (a child table: one of the doctypes holding it)?"""
	meta = frappe.get_meta(doctype)
	if meta.istable:
		holders = {
			df.parent
			for df in frappe.get_all(
				"DocField",
				filters={"fieldtype": ("in", ["Table", "Table MultiSelect"]), "options": doctype},
				fields=["parent"],
			)
		}
		return any(staff_readable(holder, staff_roles) for holder in holders)
	roles = {p.role for p in meta.permissions if p.read and p.permlevel == 0}
	roles |= set(
		frappe.get_all("Custom DocPerm", filters={"parent": doctype, "read": 1, "permlevel": 0}, pluck="role")
	)
	return bool(roles & staff_roles)


def undeclared_holders(unit_scoped: dict, references: dict, tables: dict) -> list[str]:
	"""Doctypes that link to a dossier, a fee receipt or an employee, that ward staff may read, and
	that no scoping key of hooks.py names (nor is a child table of a doctype one names)."""
	from ward_admin.setup.roles import STAFF_ROLES

	targets = ("Dossier", "Fee Receipt", "Employee")
	links = frappe.get_all(
		"DocField",
		filters={"fieldtype": "Link", "options": ("in", targets)},
		fields=["parent", "fieldname", "options"],
	)
	links += frappe.get_all(
		"Custom Field",
		filters={"fieldtype": "Link", "options": ("in", targets)},
		fields=["dt as parent", "fieldname", "options"],
	)
	found = {}
	for link in links:
		found.setdefault(link.parent, []).append(f"{link.fieldname} -> {link.options}")
	staff_roles = frozenset(STAFF_ROLES) | STAFF_READ_ROLES
	return sorted(
		f"{doctype} ({', '.join(fields)})"
		for doctype, fields in found.items()
		if doctype not in unit_scoped
		and doctype not in references
		and doctype not in tables
		and staff_readable(doctype, staff_roles)
	)


def test_every_doctype_holding_a_dossiers_a_receipts_or_an_employees_data_is_declared():
	"""Adding such a doctype is one line of hooks.py (`unit_scoped_doctypes`, or
	`record_references` for one that points at any record by doctype and name); until it is
	there, ward staff of one unit would read another's records of it."""
	from ward_admin.permissions.scope import references, scoped_tables, unit_scoped_doctypes

	undeclared = undeclared_holders(unit_scoped_doctypes(), references(), scoped_tables())
	assert not undeclared, "declare these in hooks.py:\n" + "\n".join(undeclared)


def test_the_declaration_check_sees_a_doctype_left_out():
	from ward_admin.permissions.scope import references, scoped_tables, unit_scoped_doctypes

	scoped = {
		doctype: field for doctype, field in unit_scoped_doctypes().items() if doctype != "Citizen Rating"
	}
	tables = {table: parent for table, parent in scoped_tables().items() if parent != "Emulation Period"}
	undeclared = undeclared_holders(scoped, references(), tables)
	assert undeclared == ["Citizen Rating (dossier -> Dossier)"]


def test_the_child_rows_of_every_unit_scoped_doctype_follow_their_record(province):
	"""Child tables are read from the doctypes, not listed: a row of a record of another unit is
	listed to nobody of this one."""
	from ward_admin.permissions.rules import query_conditions
	from ward_admin.permissions.scope import scoped_tables

	assert {"Dossier Document", "Dossier Pause", "Dossier Step", "Emulation Period Log"} <= set(
		scoped_tables()
	)
	officer = make_unit_user("_iso.rows.a@example.vn", "One-Stop Officer", WARD_A)
	for table, parent in scoped_tables().items():
		condition = query_conditions(officer, table)
		assert f"`tab{table}`.`parenttype`='{parent}'" in condition, (table, condition)
