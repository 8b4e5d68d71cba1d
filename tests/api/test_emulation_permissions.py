"""Emulation data is personal: staff read only their own points and scores, a leader only their
ward's, over the desk's Python API and over REST (docs/permissions.md).

Two wards, A and B. Records are committed (the served desk reads them) and removed at the end.
"""

import json
import urllib.parse

import frappe
import pytest
from test_dossier_permissions import api

from ward_admin.emulation import points as ledger

WARD_A, WARD_B = "999.41.01.H99", "999.41.02.H99"
PASSWORD = "Emu-Perm-2026!"
USERS = {
	"spec_a1": ("_emuperm.spec.a1@example.vn", "Specialist", WARD_A),
	"spec_a2": ("_emuperm.spec.a2@example.vn", "Specialist", WARD_A),
	"leader_a": ("_emuperm.leader.a@example.vn", "Ward Leader", WARD_A),
	"spec_b1": ("_emuperm.spec.b1@example.vn", "Specialist", WARD_B),
	"leader_b": ("_emuperm.leader.b@example.vn", "Ward Leader", WARD_B),
}


def _cleanup():
	emails = [email for email, _role, _unit in USERS.values()]
	for doctype in ("Emulation Point Entry", "Staff Period Score"):
		frappe.db.delete(doctype, {"user": ("in", emails)})
	frappe.db.delete("Emulation Period", {"administrative_unit": ("in", [WARD_A, WARD_B])})
	for name in frappe.get_all("Employee", filters={"user_id": ("in", emails)}, pluck="name"):
		frappe.db.delete("User Permission", {"allow": "Employee", "for_value": name})
		frappe.delete_doc("Employee", name, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def wards(site):
	from dossier_factory import make_ward

	_cleanup()
	make_ward(WARD_A, "_Test Phường Thi đua A")
	make_ward(WARD_B, "_Test Phường Thi đua B")
	frappe.db.commit()
	yield
	frappe.set_user("Administrator")
	_cleanup()
	ledger.clear_caches()


@pytest.fixture(scope="module")
def people(wards, committed_user_module):
	from dossier_factory import make_employee

	made = {}
	for key, (email, role, unit) in USERS.items():
		committed_user_module(email, role, PASSWORD, unit=unit)
		made[key] = email
		if key != "leader_b":
			make_employee(email, key)
	frappe.db.commit()
	ledger.clear_caches()
	entries, scores = {}, {}
	for key in ("spec_a1", "spec_a2", "spec_b1"):
		email, _role, unit = USERS[key]
		employee, name = ledger.employee_of(email)
		ledger.write_entries(
			[
				(
					ledger.next_name(),
					"2026-03-02 10:00",
					"2026-03-02 10:00",
					"Administrator",
					"Administrator",
					0,
					employee,
					name,
					email,
					unit,
					"2026-03-02",
					2,
					"Trả kết quả trước hạn",
					"Dossier Resolved Early",
					"Dossier",
					f"_EMUPERM-{key}",
					None,
					None,
					None,
					ledger.entry_key("x", "Dossier", f"_EMUPERM-{key}", "x", employee),
				)
			]
		)
		entries[key] = frappe.db.get_value("Emulation Point Entry", {"user": email})
		period = frappe.db.get_value("Emulation Period", {"administrative_unit": unit})
		if not period:
			period = (
				frappe.get_doc(
					{
						"doctype": "Emulation Period",
						"administrative_unit": unit,
						"period_type": "Month",
						"from_date": "2026-03-01",
					}
				)
				.insert()
				.name
			)
		score = frappe.generate_hash(length=10)
		frappe.db.bulk_insert(
			"Staff Period Score",
			(
				"name",
				"emulation_period",
				"employee",
				"employee_name",
				"user",
				"administrative_unit",
				"final_score",
			),
			[(score, period, employee, name, email, unit, 88.5)],
		)
		scores[key] = score
	frappe.db.commit()
	return made, entries, scores


def names(desk_url, user, doctype):
	query = urllib.parse.urlencode({"fields": json.dumps(["name", "user"]), "limit_page_length": 0})
	status, body = api(desk_url, user, "GET", f"/api/resource/{urllib.parse.quote(doctype)}?{query}")
	assert status == 200
	return {str(row["name"]) for row in body["data"]}


def test_desk_api_shows_staff_their_own_points_only(people):
	users, entries, scores = people
	frappe.set_user(users["spec_a1"])
	try:
		for doctype, records in (("Emulation Point Entry", entries), ("Staff Period Score", scores)):
			mine = {str(n) for n in frappe.get_list(doctype, pluck="name", limit_page_length=0)}
			assert str(records["spec_a1"]) in mine
			assert not {str(records["spec_a2"]), str(records["spec_b1"])} & mine
			with pytest.raises(frappe.PermissionError):
				frappe.client.get(doctype, records["spec_a2"])
	finally:
		frappe.set_user("Administrator")
	frappe.set_user(users["leader_a"])
	try:
		seen = {str(n) for n in frappe.get_list("Emulation Point Entry", pluck="name", limit_page_length=0)}
		assert {str(entries["spec_a1"]), str(entries["spec_a2"])} <= seen
		assert str(entries["spec_b1"]) not in seen
		with pytest.raises(frappe.PermissionError):
			frappe.client.get("Staff Period Score", scores["spec_b1"])
	finally:
		frappe.set_user("Administrator")


def test_rest_keeps_points_and_scores_personal_and_in_the_ward(desk_url, people):
	users, entries, scores = people
	for doctype, records in (("Emulation Point Entry", entries), ("Staff Period Score", scores)):
		path = f"/api/resource/{urllib.parse.quote(doctype)}"
		# a specialist: their own record, not a colleague's, not another ward's
		assert names(desk_url, users["spec_a1"], doctype) == {str(records["spec_a1"])}
		for other in ("spec_a2", "spec_b1"):
			status, _ = api(desk_url, users["spec_a1"], "GET", f"{path}/{records[other]}")
			assert status == 403, (doctype, other)
		# a leader: the ward's staff, not the other ward's
		seen = names(desk_url, users["leader_a"], doctype)
		assert {str(records["spec_a1"]), str(records["spec_a2"])} <= seen
		assert str(records["spec_b1"]) not in seen
		status, _ = api(desk_url, users["leader_a"], "GET", f"{path}/{records['spec_b1']}")
		assert status == 403
		assert str(records["spec_a1"]) not in names(desk_url, users["leader_b"], doctype)
		# nobody rewrites the ledger or a frozen score over REST
		status, _ = api(
			desk_url,
			users["spec_a1"],
			"PUT",
			f"{path}/{records['spec_a1']}",
			{"points": 100, "final_score": 100},
		)
		assert status in (403, 417)
		status, _ = api(desk_url, users["leader_a"], "DELETE", f"{path}/{records['spec_a1']}")
		assert status in (403, 417)
	frappe.db.rollback()
	assert frappe.db.get_value("Emulation Point Entry", entries["spec_a1"], "points") == 2
	assert frappe.db.get_value("Staff Period Score", scores["spec_a1"], "final_score") == 88.5

	# the desk's list view endpoint and a count over it
	status, body = api(
		desk_url,
		users["spec_a1"],
		"POST",
		"/api/method/frappe.desk.reportview.get_count",
		{"doctype": "Emulation Point Entry"},
	)
	assert status == 200 and body["message"] == 1
	# a report of another ward
	status, _ = api(
		desk_url,
		users["leader_a"],
		"POST",
		"/api/method/frappe.desk.query_report.run",
		{
			"report_name": "Staff KPI",
			"filters": {"administrative_unit": WARD_B, "from_date": "2026-03-01", "to_date": "2026-03-31"},
		},
	)
	assert status == 403
	# a staff member cannot correct points
	status, _ = api(
		desk_url,
		users["spec_a1"],
		"POST",
		"/api/method/run_doc_method",
		{
			"dt": "Emulation Point Entry",
			"dn": entries["spec_a1"],
			"method": "reverse",
			"args": {"reason": "x"},
		},
	)
	assert status == 403
