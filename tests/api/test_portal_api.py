"""Citizens online over HTTP against the served test site (docs/contract.md, "Citizens online"): the site's
front door, the guest lookup (the same 404 for every wrong key, 429 after 20 a minute, no
personal data), filing with uploads through Frappe's `upload_file`, and a second citizen who
reaches nothing of the first's through any route. Every bad call is a 4xx that writes nothing.
Records are committed (the server is another process) and removed at the end."""

import json
from urllib.parse import urlparse

import frappe
import pytest
import requests

WARD = "999.22.01.H99"
PROCEDURE_CODE = "9.999221"
OFFLINE_CODE = "9.999222"
PASSWORD = "Cong-Dan-2026!"
CITIZEN_1 = "_portal.api.congdan1@example.vn"
CITIZEN_2 = "_portal.api.congdan2@example.vn"
OFFICER = "_portal.api.motcua@example.vn"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
API = "/api/method/ward_admin.api.portal"
APPLICANT = {
	"applicant_name": "Canary Lê Thị Cổng",
	"applicant_id_number": "001195067890",
	"applicant_phone": "0913000222",
	"applicant_email": "canary.cong@example.vn",
	"applicant_address": "Số 5 ngõ Canary Cổng",
}
LOOKUP_FIELDS = {
	"dossier",
	"procedure_name",
	"unit_name",
	"status_code",
	"status",
	"received_at",
	"appointment_at",
	"returned_at",
	"missing_documents",
}


def clear_limits() -> None:
	for scope in ("lookup", "rate"):
		for address in ("127.0.0.1", "local"):
			frappe.cache.delete(frappe.cache.make_key(f"ward_admin:portal-{scope}:{address}"))


def _remove() -> None:
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	frappe.set_user("Administrator")
	for user in (CITIZEN_1, CITIZEN_2, OFFICER):
		for name in frappe.get_all("File", filters={"owner": user}, pluck="name"):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		frappe.db.delete("User Permission", {"user": user})
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()
	remove_committed_records([WARD], [PROCEDURE_CODE, OFFLINE_CODE])


@pytest.fixture(scope="module")
def portal(site):
	from dossier_factory import make_citizen, make_procedure, make_unit_user, make_ward, new_dossier
	from frappe.utils.password import update_password

	_remove()
	make_ward(WARD, "_Test Phường Cổng")
	procedure = make_procedure(PROCEDURE_CODE)
	frappe.db.set_value("Administrative Procedure", procedure, "online_level", "Full")
	offline = make_procedure(OFFLINE_CODE)
	frappe.db.set_value("Administrative Procedure", offline, "online_level", "None")
	make_citizen(CITIZEN_1, PASSWORD)
	make_citizen(CITIZEN_2, PASSWORD)
	make_unit_user(OFFICER, "One-Stop Officer", WARD)
	update_password(OFFICER, PASSWORD)
	counter = new_dossier(procedure, unit=WARD, **APPLICANT).insert()
	frappe.db.commit()
	clear_limits()
	yield frappe._dict(
		procedure=procedure, offline=offline, counter=counter.name, secret=counter.lookup_secret
	)
	clear_limits()
	_remove()


def session(desk_url, user=None) -> requests.Session:
	s = requests.Session()
	s.headers["Accept"] = "application/json"
	if user:
		r = s.post(f"{desk_url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=60)
		assert r.status_code == 200, r.text[-300:]
		# a website user's CSRF token, as the portal's pages send it
		page = s.get(f"{desk_url}/nop-ho-so", timeout=60)
		token = (
			page.text.split('const csrf = "', 1)[1].split('"', 1)[0] if 'const csrf = "' in page.text else ""
		)
		s.headers["X-Frappe-CSRF-Token"] = token
	return s


def upload(s, desk_url, content: bytes, name: str) -> str:
	r = s.post(
		f"{desk_url}/api/method/upload_file",
		files={"file": (name, content)},
		data={"is_private": "1"},
		timeout=60,
	)
	assert r.status_code == 200, r.text[-500:]
	return r.json()["message"]["file_url"]


def dossier_count() -> int:
	frappe.db.rollback()
	return frappe.db.count("Dossier", {"administrative_unit": WARD})


def test_the_front_door_is_the_portal_in_vietnamese(desk_url, portal):
	home = requests.get(f"{desk_url}/", timeout=60)
	assert home.status_code == 200
	assert "Dịch vụ công trực tuyến" in home.text and "Tra cứu hồ sơ" in home.text
	assert "Login to" not in home.text
	for placeholder in ("/about", "/contact", "/all-products"):
		r = requests.get(f"{desk_url}{placeholder}", allow_redirects=False, timeout=60)
		assert r.status_code in (301, 302), (placeholder, r.status_code)
		assert urlparse(r.headers["Location"]).path in ("", "/"), r.headers["Location"]
	assert requests.get(f"{desk_url}/login", timeout=60).status_code == 200
	catalogue = requests.get(f"{desk_url}/dich-vu-cong", params={"q": "THU TUC 9.999221"}, timeout=60)
	assert catalogue.status_code == 200 and "_Test thủ tục 9.999221" in catalogue.text
	assert "Tờ khai" in catalogue.text and "10.000 đồng" in catalogue.text
	filing = requests.get(f"{desk_url}/nop-ho-so", allow_redirects=False, timeout=60)
	assert filing.status_code in (301, 302) and "/login" in filing.headers["Location"]


def test_the_guest_lookup_answers_alike_and_shows_no_personal_data(desk_url, portal):
	clear_limits()
	right = requests.get(
		f"{desk_url}{API}.lookup", params={"code": portal.counter, "secret": portal.secret}, timeout=60
	)
	assert right.status_code == 200, right.text[-300:]
	view = right.json()["message"]
	assert set(view) == LOOKUP_FIELDS and view["dossier"] == portal.counter
	assert view["status"] == "Được tiếp nhận" and view["status_code"] == 2
	wrong = "A" if portal.secret[0] != "A" else "B"
	answers = []
	for params in (
		{"code": portal.counter, "secret": wrong + portal.secret[1:]},
		{"code": portal.counter[:-1] + "9", "secret": portal.secret},
		{"code": APPLICANT["applicant_id_number"], "secret": portal.secret},
		{"code": APPLICANT["applicant_id_number"]},
		{},
	):
		r = requests.get(f"{desk_url}{API}.lookup", params=params, timeout=60)
		assert r.status_code == 404, (params, r.status_code, r.text[-300:])
		body = r.json()
		messages = [json.loads(m) for m in json.loads(body.get("_server_messages") or "[]")]
		for message in messages:
			message.pop("__frappe_exc_id", None)  # a random id per request
		answers.append((body.get("exc_type"), json.dumps(messages, sort_keys=True)))
	assert len(set(answers)) == 1
	page = requests.get(
		f"{desk_url}/tra-cuu", params={"ho-so": portal.counter, "bi-mat": portal.secret}, timeout=60
	)
	assert page.status_code == 200 and "Được tiếp nhận" in page.text
	missing = requests.get(
		f"{desk_url}/tra-cuu", params={"ho-so": portal.counter, "bi-mat": wrong * 8}, timeout=60
	)
	assert missing.status_code == 404
	for text in (right.text, page.text, missing.text):
		for value in APPLICANT.values():
			assert value not in text
	clear_limits()


def test_the_21st_lookup_in_a_minute_is_429(desk_url, portal):
	clear_limits()
	statuses = [
		requests.get(f"{desk_url}{API}.lookup", params={"code": "x", "secret": "y"}, timeout=60).status_code
		for _ in range(21)
	]
	assert statuses == [404] * 20 + [429]
	# the page shares the address's budget
	assert (
		requests.get(f"{desk_url}/tra-cuu", params={"ho-so": "x", "bi-mat": "y"}, timeout=60).status_code
		== 429
	)
	clear_limits()
	assert (
		requests.get(f"{desk_url}{API}.lookup", params={"code": "x", "secret": "y"}, timeout=60).status_code
		== 404
	)
	clear_limits()


@pytest.fixture(scope="module")
def filed(desk_url, portal):
	"""Citizen 1 files a dossier with two uploads through the HTTP API."""
	s = session(desk_url, CITIZEN_1)
	form = upload(s, desk_url, PDF, "to-khai.pdf")
	extra = upload(s, desk_url, PNG, "uy-quyen.png")
	assert form.startswith("/private/files/") and extra.startswith("/private/files/")
	r = s.post(
		f"{desk_url}{API}.submit",
		data={
			"administrative_unit": WARD,
			"procedure": portal.procedure,
			**APPLICANT,
			"documents": json.dumps(
				[
					{"document_name": "Tờ khai", "file_url": form},
					{"document_name": "Giấy ủy quyền", "file_url": extra},
				]
			),
		},
		timeout=60,
	)
	assert r.status_code == 200, r.text[-800:]
	answer = r.json()["message"]
	return frappe._dict(answer, files=[form, extra], session=s)


def test_a_citizen_files_online_and_follows_the_dossier(desk_url, portal, filed):
	frappe.db.rollback()
	doc = frappe.get_doc("Dossier", filed.dossier)
	assert (doc.channel, doc.status_code, doc.portal_user) == ("Online", 1, CITIZEN_1)
	assert doc.lookup_secret == filed.secret
	mine = filed.session.get(f"{desk_url}{API}.my_dossiers", timeout=60)
	assert mine.status_code == 200
	assert [row["dossier"] for row in mine.json()["message"]] == [filed.dossier]
	assert mine.json()["message"][0]["status"] == "Mới đăng ký"
	page = filed.session.get(f"{desk_url}/ho-so-cua-toi", timeout=60)
	assert page.status_code == 200 and filed.dossier in page.text and filed.secret in page.text
	other = session(desk_url, CITIZEN_2)
	assert other.get(f"{desk_url}{API}.my_dossiers", timeout=60).json()["message"] == []
	assert filed.dossier not in other.get(f"{desk_url}/ho-so-cua-toi", timeout=60).text


def probes(name: str, file_url: str) -> list[tuple[str, str, dict]]:
	"""Every route Frappe exposes that could hand over a dossier or its files."""
	return [
		("GET", f"/api/resource/Dossier/{name}", {}),
		("GET", "/api/resource/Dossier", {"fields": '["name","applicant_name"]'}),
		("GET", f"/api/v2/document/Dossier/{name}", {}),
		("GET", "/api/method/frappe.client.get", {"doctype": "Dossier", "name": name}),
		(
			"GET",
			"/api/method/frappe.client.get_value",
			{"doctype": "Dossier", "filters": json.dumps({"name": name}), "fieldname": "applicant_name"},
		),
		(
			"GET",
			"/api/method/frappe.client.get_list",
			{"doctype": "Dossier", "fields": '["name","applicant_name"]'},
		),
		(
			"GET",
			"/api/method/frappe.client.get_list",
			{"doctype": "File", "fields": '["name","file_url","attached_to_name"]'},
		),
		(
			"POST",
			"/api/method/frappe.desk.reportview.get",
			{"doctype": "Dossier", "fields": '["name","applicant_name"]'},
		),
		(
			"POST",
			"/api/method/frappe.desk.reportview.get",
			{"doctype": "File", "fields": '["name","file_url"]'},
		),
		("POST", "/api/method/frappe.desk.search.search_link", {"doctype": "Dossier", "txt": name[:8]}),
		("POST", "/api/method/frappe.desk.search.search_link", {"doctype": "File", "txt": "to-khai"}),
		("GET", "/api/method/frappe.desk.form.load.getdoc", {"doctype": "Dossier", "name": name}),
		("GET", "/api/method/frappe.desk.form.load.get_docinfo", {"doctype": "Dossier", "name": name}),
		(
			"GET",
			"/api/method/frappe.www.printview.get_html_and_style",
			{
				"doc": json.dumps({"doctype": "Dossier", "name": name}),
				"print_format": "01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
			},
		),
		("GET", "/printview", {"doctype": "Dossier", "name": name}),
		("GET", "/api/method/frappe.utils.print_format.download_pdf", {"doctype": "Dossier", "name": name}),
		("GET", file_url, {}),
		("GET", "/api/method/frappe.utils.global_search.search", {"text": name[:8]}),
	]


@pytest.mark.parametrize("who", [CITIZEN_2, "guest", CITIZEN_1])
def test_no_generic_route_reaches_a_citizens_dossier_or_files(desk_url, portal, filed, who):
	"""The other citizen and a guest reach nothing; the filer too goes only through the portal."""
	s = session(desk_url, None if who == "guest" else who)
	leaks = []
	for method, path, params in probes(filed.dossier, filed.files[0]):
		r = s.request(
			method,
			f"{desk_url}{path}",
			params=params if method == "GET" else None,
			data=params if method == "POST" else None,
			timeout=60,
		)
		found = [
			v for v in (*APPLICANT.values(), filed.secret, PDF.decode(errors="ignore")[:20]) if v in r.text
		]
		if r.status_code < 300 and (found or (path.endswith(filed.dossier) or filed.dossier in r.text)):
			leaks.append((method, path, r.status_code, found))
	assert not leaks


def test_a_citizen_cannot_attach_anothers_file(desk_url, portal, filed):
	first = session(desk_url, CITIZEN_1)
	loose = upload(first, desk_url, PDF, "rieng.pdf")
	second = session(desk_url, CITIZEN_2)
	before = dossier_count()
	r = second.post(
		f"{desk_url}{API}.submit",
		data={
			"administrative_unit": WARD,
			"procedure": portal.procedure,
			**APPLICANT,
			"documents": json.dumps([{"document_name": "Tờ khai", "file_url": loose}]),
		},
		timeout=60,
	)
	assert r.status_code == 417, r.text[-300:]
	# nor copy it into a File of their own through upload_file
	copy = second.post(
		f"{desk_url}/api/method/upload_file", data={"file_url": loose, "is_private": "1"}, timeout=60
	)
	assert copy.status_code == 403, copy.text[-300:]
	assert second.get(f"{desk_url}{loose}", timeout=60).status_code in (403, 404)
	assert dossier_count() == before


def test_bad_input_to_every_portal_method_is_4xx_writing_nothing(desk_url, portal, filed):
	clear_limits()
	citizen = session(desk_url, CITIZEN_2)
	mine = upload(citizen, desk_url, PDF, "to-khai-2.pdf")
	text_file = upload(citizen, desk_url, b"not a pdf at all", "gia.pdf")
	good = {
		"administrative_unit": WARD,
		"procedure": portal.procedure,
		**APPLICANT,
		"documents": json.dumps([{"document_name": "Tờ khai", "file_url": mine}]),
	}
	bad_submits = [
		{**good, "procedure": portal.offline},
		{**good, "applicant_id_number": "12345"},
		{**good, "applicant_id_number": "abcdefghijkl"},
		{**good, "documents": "not json"},
		{**good, "documents": json.dumps({"a": 1})},
		{**good, "documents": json.dumps([{"document_name": "Tờ khai", "file_url": text_file}])},
		{
			**good,
			"documents": json.dumps([{"document_name": "Tờ khai", "file_url": "/private/files/none.pdf"}]),
		},
		{**good, "documents": json.dumps([])},
		{**good, "administrative_unit": "nope"},
		{**good, "applicant_phone": "not a phone"},
		{**good, "applicant_email": "not an email"},
		{key: value for key, value in good.items() if key != "applicant_name"},
		{**good, "applicant_name": "x" * 500},
	]
	before = dossier_count()
	for data in bad_submits:
		r = citizen.post(f"{desk_url}{API}.submit", data=data, timeout=60)
		assert 400 <= r.status_code < 500, (data, r.status_code, r.text[-400:])
		assert "Traceback" not in r.text
	# the wrong callers
	assert requests.post(f"{desk_url}{API}.submit", data=good, timeout=60).status_code == 403
	assert requests.get(f"{desk_url}{API}.my_dossiers", timeout=60).status_code == 403
	officer = session(desk_url, OFFICER)
	assert officer.post(f"{desk_url}{API}.submit", data=good, timeout=60).status_code == 403
	# the wrong HTTP method
	assert citizen.get(f"{desk_url}{API}.submit", params=good, timeout=60).status_code >= 400
	assert dossier_count() == before
	ratings = frappe.db.count("Citizen Rating")
	for data in (
		{"code": filed.dossier, "secret": filed.secret, "rating": "5"},  # not yet returned
		{"code": filed.dossier, "secret": filed.secret, "rating": "9"},
		{"code": filed.dossier, "secret": "WRONGWRO", "rating": "5"},
		{"code": filed.dossier},
	):
		r = requests.post(f"{desk_url}{API}.rate", data=data, timeout=60)
		assert 400 <= r.status_code < 500, (data, r.status_code, r.text[-300:])
	frappe.db.rollback()
	assert frappe.db.count("Citizen Rating") == ratings
	clear_limits()
