"""The national portal's intake over HTTP against the served test site (docs/architecture.md,
"Integrations"): the API key of a National Portal user pushes a dossier filed on the portal; it
becomes an Online dossier at code 1 in the unit whose unit_code is MaDonVi; the same MaHoSo again,
also several times at once, makes one dossier; bad pushes get a 4xx and write nothing; other users
may not push. Records are committed, and removed at the end."""

from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest
import requests

WARD = "999.42.01.H99"
PROCEDURE_CODE = "9.999420"
INTAKE = "/api/method/ward_admin.api.national.receive"


@pytest.fixture(scope="module")
def portal_user(site):
	from dossier_factory import make_procedure, make_unit_user, make_ward, remove_committed_records

	remove_committed_records([WARD], [PROCEDURE_CODE])
	make_ward(WARD, "_Test Phường Liên Thông")
	make_procedure(PROCEDURE_CODE)
	email = make_unit_user("_test_national_portal@example.com", "National Portal", unit=None)
	user = frappe.get_doc("User", email)
	user.language = "vi"  # the portal's operator reads the app's answers in Vietnamese
	user.api_key = frappe.generate_hash(length=15)
	secret = frappe.generate_hash(length=15)
	user.api_secret = secret
	user.save(ignore_permissions=True)
	officer = make_unit_user("_test_intake_officer@example.com", "One-Stop Officer", unit=WARD)
	officer_doc = frappe.get_doc("User", officer)
	officer_doc.api_key = frappe.generate_hash(length=15)
	officer_secret = frappe.generate_hash(length=15)
	officer_doc.api_secret = officer_secret
	officer_doc.save(ignore_permissions=True)
	frappe.db.commit()
	yield {
		"portal": f"token {user.api_key}:{secret}",
		"officer": f"token {officer_doc.api_key}:{officer_secret}",
	}
	frappe.db.rollback()
	remove_committed_records([WARD], [PROCEDURE_CODE])
	for made in (email, officer):
		frappe.db.delete("User Permission", {"user": made})
		frappe.delete_doc("User", made, force=True, ignore_permissions=True)
	frappe.db.commit()


def push(desk_url, auth, **fields):
	return requests.post(f"{desk_url}{INTAKE}", json=fields, headers={"Authorization": auth}, timeout=60)


def filed(code="G22.99-260302-0001", **changes):
	return {
		"MaHoSo": code,
		"MaTTHC": PROCEDURE_CODE,
		"MaDonVi": WARD,
		"ChuHoSo": "Lê Thị Cúc",
		"MaDoiTuong": "001190012345",
		"SoDienThoai": "0912345678",
		"Email": "cuc@example.com",
		"DiaChi": "12 Lý Thường Kiệt",
		"TaiLieuNop": [{"TenGiayTo": "Tờ khai"}, {"TenGiayTo": "Ảnh chân dung"}],
		**changes,
	}


def message_of(response) -> str:
	import json

	return " ".join(json.loads(m)["message"] for m in json.loads(response.json()["_server_messages"]))


def dossiers_of(code):
	frappe.db.rollback()
	return frappe.get_all("Dossier", filters={"national_dossier_id": code}, fields=["*"])


def test_a_portal_dossier_becomes_an_online_dossier_at_code_1(desk_url, portal_user):
	response = push(desk_url, portal_user["portal"], **filed())
	assert response.status_code == 200, response.text
	name = response.json()["message"]["dossier"]
	(dossier,) = dossiers_of("G22.99-260302-0001")
	assert dossier.name == name and name.startswith(f"{WARD}-")
	assert (dossier.channel, dossier.status_code, dossier.administrative_unit) == ("Online", 1, WARD)
	assert dossier.applicant_name == "Lê Thị Cúc" and dossier.applicant_id_number == "001190012345"
	doc = frappe.get_doc("Dossier", name)
	received = {row.document_name: row.received for row in doc.documents}
	assert received == {"Tờ khai": 1, "Giấy ủy quyền": 0, "Ảnh chân dung": 1}

	again = push(desk_url, portal_user["portal"], **filed())
	assert again.status_code == 200 and again.json()["message"]["dossier"] == name
	assert len(dossiers_of("G22.99-260302-0001")) == 1


def test_the_same_dossier_pushed_at_once_makes_one(desk_url, portal_user):
	with ThreadPoolExecutor(max_workers=4) as pool:
		responses = list(
			pool.map(lambda _: push(desk_url, portal_user["portal"], **filed("G22.99-260302-0002")), range(4))
		)
	ok = [r for r in responses if r.status_code == 200]
	assert ok, [r.text for r in responses]
	# a push that found the other one mid-way is told to try again (409), never a second dossier
	assert all(r.status_code in (200, 409) for r in responses), [r.status_code for r in responses]
	assert len({r.json()["message"]["dossier"] for r in ok}) == 1
	assert len(dossiers_of("G22.99-260302-0002")) == 1


@pytest.mark.parametrize(
	"changes, words",
	[
		({"MaDonVi": "000.00.00.X00"}, "000.00.00.X00"),
		({"MaTTHC": "9.000000"}, "9.000000"),
		({"MaDoiTuong": "12345"}, "12345"),
		({"MaDoiTuong": "999190012345"}, "999190012345"),
		({"ChuHoSo": ""}, "ChuHoSo"),
		({"MaHoSo": None}, "MaHoSo"),
	],
)
def test_a_bad_push_is_refused_and_writes_nothing(desk_url, portal_user, changes, words):
	code = "G22.99-260302-0003"
	fields = {key: value for key, value in filed(code, **changes).items() if value is not None}
	before = frappe.db.count("Dossier", {"administrative_unit": WARD})
	response = push(desk_url, portal_user["portal"], **fields)
	assert 400 <= response.status_code < 500, response.text
	message = message_of(response)
	assert words in message
	# translated, as every message of the app (the user's language: vi)
	assert "không" in message.lower() or "thiếu" in message, message
	frappe.db.rollback()
	assert frappe.db.count("Dossier", {"administrative_unit": WARD}) == before
	assert not dossiers_of(code)


def test_only_the_national_portal_pushes(desk_url, portal_user):
	response = push(desk_url, portal_user["officer"], **filed("G22.99-260302-0004"))
	assert response.status_code == 403
	assert not dossiers_of("G22.99-260302-0004")
	anonymous = requests.post(f"{desk_url}{INTAKE}", json=filed("G22.99-260302-0004"), timeout=60)
	assert anonymous.status_code in (401, 403)
	assert not dossiers_of("G22.99-260302-0004")
