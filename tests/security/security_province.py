"""A small province on the served test site, for probing every route as each role (the `province` fixture).

Province P holds wards A and B. Ward A has a user for every staff role; ward B has an officer and
a specialist; P has an admin; two citizens have website accounts with the role Citizen, the first of them the portal user who filed A1. Dossier A1 (ward A) and B1 (ward
B) carry "canary" values: personal data, a pause reason, a comment, a private file, a changed
phone number in their history. B1 is also shared, assigned, followed, tagged and notified within
ward B. A probe by a user of ward A leaks if any of B1's canaries comes back; a probe by a user
of ward A without personal-data access leaks if any of A1's personal canaries comes back.

Everything is committed (the server is another process) and removed at the end of the session.
"""

import json
import random
import string
from dataclasses import dataclass, field

import frappe
import pytest
import requests

PROVINCE, WARD_A, WARD_B = "999.50.00.H99", "999.50.01.H99", "999.50.02.H99"
PROCEDURE_CODE = "9.999500"
PASSWORD = "Secu-Test-2026!"

# personal data (permlevel 1) of each dossier, and other values only its unit may see
CANARY_A = {
	"applicant_name": "Canary Lương Thị Nội",
	"applicant_id_number": "001195012345",
	"applicant_phone": "0911000111",
	"applicant_email": "canary.noi@example.vn",
	"applicant_address": "Số 7 ngõ Canary Nội, phường A",
}
CANARY_B = {
	"applicant_name": "Canary Bùi Thị Ngoại",
	"applicant_id_number": "031196054321",
	"applicant_phone": "0922000222",
	"applicant_email": "canary.ngoai@example.vn",
	"applicant_address": "Số 9 ngõ Canary Ngoại, phường B",
}
PERSONAL_FIELDS = ("applicant_id_number", "applicant_phone", "applicant_email", "applicant_address")
FILE_A, FILE_B = "canary-noi-file-content", "canary-ngoai-file-content"
PAUSE_B = "Bổ sung canary-ngoai-supplement"
COMMENT_B = "canary-ngoai-comment"
NEW_PHONE_A, NEW_PHONE_B = "0911999111", "0922999222"

ROLES_A = {
	"officer_a": "One-Stop Officer",
	"specialist_a": "Specialist",
	"leader_a": "Ward Leader",
	"admin_a": "Ward Admin",
	"inspector_a": "Inspector",
	"emulation_a": "Emulation Officer",
}
# roles of ward A that may not read personal data
WITHOUT_PERSONAL_DATA = ("admin_a", "inspector_a", "emulation_a")
# website users with the role Citizen: the first filed A1 on the portal (its portal_user), and
# reaches it only through the portal's own methods, never through Frappe's generic routes
CITIZENS = ("citizen", "citizen_2")


def email(key: str) -> str:
	return f"_secu.{key.replace('_', '.')}@example.vn"


@dataclass
class Province:
	a1: str
	b1: str
	b1_pause: str
	b1_step: str
	b1_document: str
	file_a: str
	file_b: str
	file_url_a: str
	file_url_b: str
	version_b: str
	comment_b: str
	receipt_b: str
	users: dict = field(default_factory=dict)  # key -> email
	tokens: dict = field(default_factory=dict)  # key -> "token key:secret"

	def canaries_of_b(self) -> list[str]:
		values = [*CANARY_B.values(), FILE_B, PAUSE_B, COMMENT_B, NEW_PHONE_B, self.file_url_b]
		return values + numeric_forms(
			CANARY_B["applicant_id_number"], CANARY_B["applicant_phone"], NEW_PHONE_B
		)

	def personal_canaries_of_a(self) -> list[str]:
		values = [CANARY_A[f] for f in PERSONAL_FIELDS] + [FILE_A, NEW_PHONE_A, self.file_url_a]
		return values + numeric_forms(
			CANARY_A["applicant_id_number"], CANARY_A["applicant_phone"], NEW_PHONE_A
		)

	def forbidden_for(self, key: str) -> list[str]:
		forbidden = self.canaries_of_b()
		if key in WITHOUT_PERSONAL_DATA or key in (*CITIZENS, "guest"):
			forbidden += self.personal_canaries_of_a()
		if key in (*CITIZENS, "guest"):
			forbidden.append(CANARY_A["applicant_name"])
		return forbidden


def numeric_forms(*numbers: str) -> list[str]:
	"""A number read as a number loses its leading zero (a sum, an average, a chart value)."""
	return [str(int(n)) for n in numbers]


def session_for(desk_url: str, token: str | None) -> requests.Session:
	s = requests.Session()
	s.headers["Accept"] = "application/json"
	if token:
		s.headers["Authorization"] = f"token {token}"
	s.base_url = desk_url
	return s


def login_session(desk_url: str, user: str | None) -> requests.Session:
	"""A session logged in with the user's password, as the desk is (cheaper per request than an
	API key, which Frappe decrypts on every call); a guest's when `user` is None."""
	s = session_for(desk_url, None)
	if user:
		r = s.post(f"{desk_url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=60)
		assert r.status_code == 200, r.text[-300:]
	return s


def leaks(text: str, forbidden: list[str]) -> list[str]:
	return [value for value in forbidden if value and value in text]


def _remove(units=(PROVINCE, WARD_A, WARD_B)) -> None:
	from dossier_factory import remove_committed_records

	frappe.set_user("Administrator")
	for key in (*ROLES_A, "officer_b", "specialist_b", "province_admin", *CITIZENS):
		user = email(key)
		frappe.db.delete("User Permission", {"user": user})
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	for name in frappe.get_all(
		"Assignment Rule", filters={"administrative_unit": ("in", units)}, pluck="name"
	):
		frappe.delete_doc("Assignment Rule", name, force=True, ignore_permissions=True)
	frappe.db.commit()
	remove_committed_records([WARD_A, WARD_B], [PROCEDURE_CODE])
	frappe.db.delete("Administrative Unit", {"name": PROVINCE})
	frappe.db.commit()


def _unit(code, name, unit_type, parent=None, is_group=0):
	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

	frappe.get_doc(
		{
			"doctype": "Administrative Unit",
			"unit_name": name,
			"unit_code": code,
			"unit_type": unit_type,
			"is_group": is_group,
			"parent_administrative_unit": parent,
			"working_calendar": DEFAULT_WORKING_CALENDAR,
		}
	).insert(ignore_permissions=True)


def _user(key: str, role: str | None, unit: str | None) -> str:
	from dossier_factory import make_unit_user
	from frappe.utils.password import update_password

	address = email(key)
	if role:
		make_unit_user(address, role, unit)
	else:
		frappe.get_doc(
			{
				"doctype": "User",
				"email": address,
				"first_name": "Công dân",
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True).add_roles("Citizen")
	update_password(address, PASSWORD)
	return address


def _token(user: str) -> str:
	from frappe.core.doctype.user.user import generate_keys

	frappe.set_user("Administrator")
	secret = generate_keys(user)["api_secret"]
	return f"{frappe.db.get_value('User', user, 'api_key')}:{secret}"


def _attach(dossier: str, content: str, owner: str) -> tuple[str, str]:
	frappe.set_user(owner)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{content}.txt",
			"attached_to_doctype": "Dossier",
			"attached_to_name": dossier,
			"is_private": 1,
			"content": content.encode(),
		}
	).insert()
	frappe.set_user("Administrator")
	return file.name, file.file_url


def _dossier(procedure: str, unit: str, canary: dict) -> str:
	from dossier_factory import new_dossier

	return new_dossier(procedure, unit=unit, **canary).insert().name


@pytest.fixture(scope="session")
def province(site) -> Province:
	"""The province with its users, tokens and canary records (committed)."""
	from dossier_factory import make_procedure
	from frappe.desk.form.assign_to import add as assign
	from frappe.model.workflow import apply_workflow
	from frappe.share import add_docshare

	_remove()
	_unit(PROVINCE, "_Test Tỉnh Secu", "Province", is_group=1)
	_unit(WARD_A, "_Test Phường Secu A", "Ward", PROVINCE)
	_unit(WARD_B, "_Test Phường Secu B", "Ward", PROVINCE)
	procedure = make_procedure(PROCEDURE_CODE)
	users = {key: _user(key, role, WARD_A) for key, role in ROLES_A.items()}
	users["officer_b"] = _user("officer_b", "One-Stop Officer", WARD_B)
	users["specialist_b"] = _user("specialist_b", "Specialist", WARD_B)
	users["province_admin"] = _user("province_admin", "Ward Admin", PROVINCE)
	for key in CITIZENS:
		users[key] = _user(key, None, None)
	frappe.db.commit()

	a1 = _dossier(procedure, WARD_A, CANARY_A)
	frappe.db.set_value("Dossier", a1, "portal_user", users["citizen"])
	b1 = _dossier(procedure, WARD_B, CANARY_B)
	# history: the phone changes, as a correction at the counter would
	for name, phone, officer in (
		(a1, NEW_PHONE_A, users["officer_a"]),
		(b1, NEW_PHONE_B, users["officer_b"]),
	):
		frappe.set_user(officer)
		doc = frappe.get_doc("Dossier", name)
		doc.applicant_phone = phone
		doc.save(ignore_version=False)  # tests skip history unless asked
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Dossier", b1)
	apply_workflow(doc, "Start Processing")
	doc = frappe.get_doc("Dossier", b1)
	doc.supplement_request = PAUSE_B
	doc.save()
	apply_workflow(frappe.get_doc("Dossier", b1), "Request Supplement")
	file_a, url_a = _attach(a1, FILE_A, users["officer_a"])
	file_b, url_b = _attach(b1, FILE_B, users["officer_b"])
	frappe.set_user(users["officer_b"])
	comment = frappe.get_doc("Dossier", b1).add_comment("Comment", COMMENT_B)
	frappe.set_user("Administrator")
	add_docshare("Dossier", b1, users["specialist_b"], read=1, flags={"ignore_share_permission": 1})
	assign(
		{
			"assign_to": [users["specialist_b"]],
			"doctype": "Dossier",
			"name": b1,
			"description": CANARY_B["applicant_name"],
		}
	)
	frappe.get_doc(
		{
			"doctype": "Document Follow",
			"ref_doctype": "Dossier",
			"ref_docname": b1,
			"user": users["officer_b"],
		}
	).insert(ignore_permissions=True)
	from frappe.desk.doctype.tag.tag import DocTags

	DocTags("Dossier").add(b1, "canary-tag")
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"subject": f"Hồ sơ của {CANARY_B['applicant_name']}",
			"for_user": users["officer_b"],
			"type": "Alert",
			"document_type": "Dossier",
			"document_name": b1,
		}
	).insert(ignore_permissions=True)
	# ward B's fee receipt, paid by the canary applicant
	receipt_b = frappe.get_doc(
		{"doctype": "Fee Receipt", "dossier": b1, "amount": 10_000, "payment_channel": "Cash"}
	).insert()
	receipt_b.submit()
	b = frappe.get_doc("Dossier", b1)
	version_b = frappe.get_all(
		"Version", filters={"ref_doctype": "Dossier", "docname": b1}, pluck="name", limit=1
	)[0]
	province = Province(
		a1=a1,
		b1=b1,
		b1_pause=b.pauses[0].name,
		b1_step=b.steps[0].name,
		b1_document=b.documents[0].name,
		file_a=file_a,
		file_b=file_b,
		file_url_a=url_a,
		file_url_b=url_b,
		version_b=version_b,
		comment_b=comment.name,
		receipt_b=receipt_b.name,
		users=users,
	)
	province.tokens = {key: _token(user) for key, user in users.items()}
	frappe.db.commit()
	yield province
	_remove()


def snapshot(province: Province) -> dict:
	"""Everything stored about both dossiers, to check that no probe changed any of it."""
	frappe.db.rollback()
	state = {}
	for name in (province.a1, province.b1):
		doc = frappe.get_doc("Dossier", name).as_dict(no_default_fields=False)
		for key in ("modified", "_seen"):
			doc.pop(key, None)
		state[name] = {
			"doc": json.loads(frappe.as_json(doc)),
			**{
				doctype: frappe.get_all(
					doctype, filters={fa: "Dossier", fb: name}, fields=["name"], order_by="name"
				)
				for doctype, (fa, fb) in {
					"Comment": ("reference_doctype", "reference_name"),
					"File": ("attached_to_doctype", "attached_to_name"),
					"DocShare": ("share_doctype", "share_name"),
					"ToDo": ("reference_type", "reference_name"),
					"Document Follow": ("ref_doctype", "ref_docname"),
					"Tag Link": ("document_type", "document_name"),
				}.items()
			},
		}
	for item in state.values():
		item["doc"].pop("modified", None)
		for table in ("documents", "pauses", "steps"):
			for row in item["doc"].get(table) or []:
				row.pop("modified", None)
	return json.loads(json.dumps(state, sort_keys=True, default=str))


def differences(before, after, path="") -> list[str]:
	"""Where two snapshots differ, as readable paths."""
	if isinstance(before, dict) and isinstance(after, dict):
		return [
			d
			for key in sorted(set(before) | set(after))
			for d in differences(before.get(key), after.get(key), f"{path}.{key}")
		]
	if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
		return [
			d
			for i, (x, y) in enumerate(zip(before, after, strict=True))
			for d in differences(x, y, f"{path}[{i}]")
		]
	return [] if before == after else [f"{path}: {before!r} -> {after!r}"]


def random_text(n=8) -> str:
	return "".join(random.choice(string.ascii_lowercase) for _ in range(n))


# lines the tests add, printed in pytest's summary (tests/security/conftest.py)
COVERAGE: list[str] = []
