"""Staff see and change only their own unit's dossiers; the Inspector reads without personal data.

Checked in-process (the desk's Python API) and over REST against the served test site, so the
records are committed and removed at the end.
"""

import json
import urllib.error
import urllib.request

import frappe
import pytest

WARD_A, WARD_B = "999.30.01.H99", "999.30.02.H99"
PROCEDURE_CODE = "9.999300"
PASSWORD = "Perm-Test-2026!"


@pytest.fixture(scope="module")
def dossiers(site):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records

	remove_committed_records([WARD_A, WARD_B], [PROCEDURE_CODE])
	make_ward(WARD_A, "_Test Phường A")
	make_ward(WARD_B, "_Test Phường B")
	procedure = make_procedure(PROCEDURE_CODE)
	a = new_dossier(procedure, unit=WARD_A).insert().name
	b = new_dossier(procedure, unit=WARD_B).insert().name
	frappe.db.commit()
	yield a, b
	frappe.set_user("Administrator")
	remove_committed_records([WARD_A, WARD_B], [PROCEDURE_CODE])


@pytest.fixture
def officer_a(committed_user):
	return committed_user("_perm.officer.a@example.vn", "One-Stop Officer", PASSWORD, unit=WARD_A)


@pytest.fixture
def inspector_a(committed_user):
	return committed_user("_perm.inspector.a@example.vn", "Inspector", PASSWORD, unit=WARD_A)


def test_desk_api_keeps_staff_in_their_unit(dossiers, officer_a):
	mine, theirs = dossiers
	frappe.set_user(officer_a)
	try:
		assert frappe.get_doc("Dossier", mine).has_permission("read")
		with pytest.raises(frappe.PermissionError):
			frappe.client.get("Dossier", theirs)
		with pytest.raises(frappe.PermissionError):
			frappe.client.set_value("Dossier", theirs, "applicant_name", "Đổi tên")
		visible = frappe.get_list("Dossier", filters={"name": ("in", [mine, theirs])}, pluck="name")
		assert visible == [mine]
	finally:
		frappe.set_user("Administrator")
		frappe.db.rollback()
	assert frappe.db.get_value("Dossier", theirs, "applicant_name") == "Nguyễn Văn An"


def api(desk_url, user, method, path, body=None):
	from frappe.core.doctype.user.user import generate_keys

	frappe.set_user("Administrator")
	secret = generate_keys(user)["api_secret"]
	key = frappe.db.get_value("User", user, "api_key")
	frappe.db.commit()
	request = urllib.request.Request(
		f"{desk_url}{path}",
		method=method,
		data=json.dumps(body).encode() if body else None,
		headers={"Authorization": f"token {key}:{secret}", "Content-Type": "application/json"},
	)
	try:
		with urllib.request.urlopen(request, timeout=60) as response:
			return response.status, json.loads(response.read() or b"{}")
	except urllib.error.HTTPError as error:
		return error.code, json.loads(error.read() or b"{}")


def test_rest_keeps_staff_in_their_unit(desk_url, dossiers, officer_a):
	mine, theirs = dossiers
	status, body = api(desk_url, officer_a, "GET", f"/api/resource/Dossier/{mine}")
	assert status == 200
	assert body["data"]["applicant_id_number"] == "001090012345"

	status, _ = api(desk_url, officer_a, "GET", f"/api/resource/Dossier/{theirs}")
	assert status == 403
	status, _ = api(desk_url, officer_a, "PUT", f"/api/resource/Dossier/{theirs}", {"applicant_name": "X"})
	assert status == 403
	status, body = api(desk_url, officer_a, "GET", "/api/resource/Dossier?limit_page_length=0")
	assert status == 200
	assert theirs not in {row["name"] for row in body["data"]}
	frappe.db.rollback()
	assert frappe.db.get_value("Dossier", theirs, "applicant_name") == "Nguyễn Văn An"


def test_inspector_reads_without_personal_data(desk_url, dossiers, inspector_a):
	mine, _theirs = dossiers
	status, body = api(desk_url, inspector_a, "GET", f"/api/resource/Dossier/{mine}")
	assert status == 200
	assert body["data"]["applicant_name"] == "Nguyễn Văn An"
	for field in ("applicant_id_number", "applicant_phone", "applicant_address"):
		assert not body["data"].get(field), field
	status, _ = api(desk_url, inspector_a, "PUT", f"/api/resource/Dossier/{mine}", {"applicant_name": "X"})
	assert status == 403
