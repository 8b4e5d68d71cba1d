"""REST resources, files, history, comments, shares, follows, assignments and prints, as each role.

The REST routes (`/api/resource/...`, `/api/v2/document/...`) do not go through the whitelisted
method table, so they are probed here for every ward_admin doctype, its child tables and
Frappe's doctypes that point at a dossier: list (all fields, and filtered on personal data), read,
change and delete another ward's record, and add rows to it.
"""

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import frappe
import pytest
from security_province import (
	CANARY_A,
	COVERAGE,
	FILE_A,
	PERSONAL_FIELDS,
	WITHOUT_PERSONAL_DATA,
	differences,
	leaks,
	login_session,
	random_text,
	session_for,
	snapshot,
)

APP = Path(__file__).resolve().parents[2] / "apps" / "ward_admin" / "ward_admin"
USERS = (
	"officer_a",
	"specialist_a",
	"leader_a",
	"admin_a",
	"inspector_a",
	"emulation_a",
	"citizen",
	"citizen_2",
	"guest",
)
SIDE_DOCTYPES = (
	"File",
	"Version",
	"Comment",
	"Communication",
	"DocShare",
	"Document Follow",
	"ToDo",
	"Tag Link",
	"Notification Log",
	"Activity Log",
	"View Log",
	"Deleted Document",
)


def app_doctypes() -> list[str]:
	"""Every doctype of ward_admin, read from its folders."""
	names = []
	for path in sorted(APP.glob("*/doctype/*/*.json")):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") == "DocType":
			names.append(meta["name"])
	return names


def foreign_name(province, doctype: str) -> str | None:
	return {
		"Dossier": province.b1,
		"Dossier Pause": province.b1_pause,
		"Dossier Step": province.b1_step,
		"Dossier Document": province.b1_document,
		"File": province.file_b,
		"Version": province.version_b,
		"Comment": province.comment_b,
		"Fee Receipt": province.receipt_b,
	}.get(doctype)


def requests_for(province, doctype: str, user: str):
	"""(HTTP method, path, params or body) aimed at ward B's records of `doctype`."""
	quoted = doctype.replace(" ", "%20")
	for prefix in (f"/api/resource/{quoted}", f"/api/v2/document/{quoted}"):
		yield "GET", prefix, {"fields": json.dumps(["*"]), "limit_page_length": 500, "parent": "Dossier"}
		yield (
			"GET",
			prefix,
			{
				"filters": json.dumps({"parent": province.b1}),
				"fields": json.dumps(["*"]),
				"parent": "Dossier",
			},
		)
		if user in WITHOUT_PERSONAL_DATA and doctype == "Dossier":
			yield "GET", prefix, {"filters": json.dumps([["applicant_id_number", "like", "0011%"]])}
			yield "GET", prefix, {"fields": json.dumps(["name", "applicant_phone"])}
			yield "GET", f"{prefix}/{province.a1}", {}
		name = foreign_name(province, doctype)
		if name:
			yield "GET", f"{prefix}/{name}", {}
			yield (
				"PUT",
				f"{prefix}/{name}",
				{"parent": province.a1, "applicant_name": "X", "reason": "X", "content": "X"},
			)
			yield "DELETE", f"{prefix}/{name}", {}
			yield "POST", f"{prefix}/{name}", {"run_method": "add_comment", "text": "x"}
		yield (
			"POST",
			prefix,
			{"parent": province.b1, "parenttype": "Dossier", "parentfield": "pauses", "reason": "X"},
		)
	yield (
		"GET",
		f"/api/v2/doctype/{quoted}/count",
		{"filters": json.dumps({"name": foreign_name(province, doctype) or ""})},
	)


def send(session, method, path, params):
	url = f"{session.base_url}{path}"
	if method == "GET":
		r = session.get(url, params=params, timeout=60)
	else:
		r = session.request(method, url, json=params, timeout=60)
	return r.status_code, r.text


def test_rest_resources_keep_wards_and_personal_data_apart(desk_url, province):
	doctypes = app_doctypes() + list(SIDE_DOCTYPES)
	assert "Dossier" in doctypes and "Dossier Step" in doctypes
	before = snapshot(province)
	sessions = {user: login_session(desk_url, province.users.get(user)) for user in USERS}
	jobs = [
		(user, *req)
		for user in USERS
		for doctype in doctypes
		for req in requests_for(province, doctype, user)
	]
	with ThreadPoolExecutor(max_workers=6) as pool:
		results = list(pool.map(lambda job: (job, *send(sessions[job[0]], *job[1:])), jobs))

	found, statuses, server_errors = [], {}, []
	for (user, method, path, params), status, text in results:
		statuses[status] = statuses.get(status, 0) + 1
		if status >= 500:
			server_errors.append(f"{user} {method} {path} {params} -> {status}: {text[-160:]}")
		assert "CSRFTokenError" not in text, "a request lost its session: the counts would lie"
		found += [
			f"{user} {method} {path} {params} -> {status}: {v}"
			for v in leaks(text, province.forbidden_for(user))
		]
		if "applicant_id_number" in json.dumps(params) and user in WITHOUT_PERSONAL_DATA and status == 200:
			if json.loads(text).get("data"):
				found.append(f"{user} filtered on personal data: {path} -> {text[:200]}")
		if path.endswith("/count") and status == 200 and json.loads(text).get("data"):
			found.append(f"{user} counted another ward's record: {path} {params}")
	COVERAGE.append(
		f"security: REST on {len(doctypes)} doctypes ({len(app_doctypes())} of ward_admin, "
		f"{len(SIDE_DOCTYPES)} of Frappe that point at dossiers) x {len(USERS)} users = {len(jobs)} requests; "
		f"HTTP statuses {dict(sorted(statuses.items()))}; {len(found)} leaks, {len(server_errors)} server errors"
	)
	assert not found, "\n".join(found[:40])
	assert not server_errors, "server errors (HTTP 500):\n" + "\n".join(server_errors[:20])
	changed = differences(before, snapshot(province))
	assert not changed, "a request changed ward A's or ward B's dossier:\n" + "\n".join(changed)


@pytest.mark.parametrize("user", ["officer_a", "inspector_a", "citizen", "citizen_2"])
def test_another_wards_file_is_not_served(desk_url, province, user):
	s = session_for(desk_url, province.tokens[user])
	r = s.get(f"{desk_url}{province.file_url_b}", timeout=60)
	assert r.status_code in (403, 404) and "canary" not in r.text
	# nor copied: a new File pointing at it would belong to the caller
	r = s.post(
		f"{desk_url}/api/method/upload_file",
		data={"file_url": province.file_url_b, "doctype": "Dossier", "docname": province.a1},
		timeout=60,
	)
	assert r.status_code in (403, 417)
	r = s.get(f"{desk_url}{province.file_url_b}", timeout=60)
	assert r.status_code in (403, 404)


def test_attachments_are_hidden_from_roles_without_personal_data(desk_url, province):
	officer = session_for(desk_url, province.tokens["officer_a"])
	assert FILE_A in officer.get(f"{desk_url}{province.file_url_a}", timeout=60).text
	for user in WITHOUT_PERSONAL_DATA:
		s = session_for(desk_url, province.tokens[user])
		r = s.get(f"{desk_url}{province.file_url_a}", timeout=60)
		assert r.status_code in (403, 404), user
		files = s.get(f"{desk_url}/api/resource/File", params={"fields": '["file_url"]'}, timeout=60).text
		assert province.file_url_a not in files, user


def test_history_shows_changes_without_personal_values(desk_url, province):
	"""The Inspector reads the dossier's history (who changed what) without the values."""
	s = session_for(desk_url, province.tokens["inspector_a"])
	r = s.get(
		f"{desk_url}/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Dossier", "name": province.a1},
	)
	assert r.status_code == 200
	versions = r.json()["docinfo"]["versions"]
	assert versions and any("applicant_phone" in v["data"] for v in versions)
	assert not leaks(r.text, province.personal_canaries_of_a())
	assert r.json()["docinfo"]["attachments"] == []
	officer = session_for(desk_url, province.tokens["officer_a"])
	r = officer.get(
		f"{desk_url}/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Dossier", "name": province.a1},
	)
	assert CANARY_A["applicant_id_number"] in r.text and "0911999111" in r.text


def test_print_of_another_ward_or_of_personal_data(desk_url, province):
	formats = frappe.get_all("Print Format", filters={"doc_type": "Dossier"}, pluck="name")
	assert formats
	for user in ("officer_a", "inspector_a"):
		s = session_for(desk_url, province.tokens[user])
		for print_format in ["Standard", *formats]:
			for name in (province.b1, province.a1):
				r = s.get(
					f"{desk_url}/printview",
					params={"doctype": "Dossier", "name": name, "format": print_format},
				)
				assert not leaks(r.text, province.forbidden_for(user)), (user, print_format, name)
		# a format of another doctype is refused
		r = s.get(
			f"{desk_url}/api/method/frappe.www.printview.get_html_and_style",
			params={
				"doc": json.dumps({"doctype": "Dossier", "name": province.a1}),
				"print_format": "Journal Auditing Voucher",
			},
		)
		assert r.status_code == 403


def test_sharing_assigning_following_stay_in_the_unit(desk_url, province):
	officer_b = session_for(desk_url, province.tokens["officer_b"])
	outsider = province.users["specialist_a"]
	calls = {
		"frappe.share.add": {"doctype": "Dossier", "name": province.b1, "user": outsider, "read": 1},
		"frappe.desk.form.assign_to.add": {
			"doctype": "Dossier",
			"name": province.b1,
			"assign_to": json.dumps([outsider]),
		},
	}
	for method, args in calls.items():
		r = officer_b.post(f"{desk_url}/api/method/{method}", data=args, timeout=60)
		assert r.status_code in (403, 417), (method, r.text[:300])
	r = officer_b.post(
		f"{desk_url}/api/method/frappe.share.add",
		data={"doctype": "Dossier", "name": province.b1, "everyone": 1, "read": 1},
	)
	assert r.status_code in (403, 417)
	inspector = session_for(desk_url, province.tokens["inspector_a"])
	r = inspector.post(
		f"{desk_url}/api/method/frappe.desk.form.document_follow.update_follow",
		data={"doctype": "Dossier", "doc_name": province.a1, "following": 1},
	)
	assert r.status_code in (403, 417)
	frappe.db.rollback()
	assert not frappe.db.exists("DocShare", {"share_name": province.b1, "user": outsider})
	assert not frappe.db.exists("ToDo", {"reference_name": province.b1, "allocated_to": outsider})
	assert not frappe.db.exists(
		"Document Follow", {"ref_docname": province.a1, "user": province.users["inspector_a"]}
	)


def test_personal_fields_never_reach_roles_without_access(desk_url, province):
	for user in WITHOUT_PERSONAL_DATA:
		s = session_for(desk_url, province.tokens[user])
		r = s.get(f"{desk_url}/api/resource/Dossier/{province.a1}")
		assert r.status_code == 200
		data = r.json()["data"]
		assert data["applicant_name"] == CANARY_A["applicant_name"]
		assert not any(data.get(field) for field in PERSONAL_FIELDS), user


def test_a_dossiers_attachment_is_private_in_its_bytes_whatever_is_sent(desk_url, province):
	"""Tried as a hostile officer would: a file sent to a dossier with `is_private=0`, by every
	route that attaches one, lives under private/files, and a guest gets none of its bytes."""
	import base64

	from test_security_bad_input import admin_token

	officer = session_for(desk_url, province.tokens["officer_a"])
	guest = session_for(desk_url, None)
	content = f"canary-attachment-{random_text()}"
	made = []
	try:
		r = officer.post(
			f"{desk_url}/api/method/upload_file",
			data={"doctype": "Dossier", "docname": province.a1, "is_private": 0},
			files={"file": ("giay-to-1.txt", f"{content}-1".encode())},
			timeout=60,
		)
		assert r.status_code == 200, r.text[-300:]
		uploaded = r.json()["message"]
		made.append(uploaded["name"])
		attach = {
			"filename": "giay-to-2.txt",
			"filedata": base64.b64encode(f"{content}-2".encode()).decode(),
			"decode_base64": 1,
			"doctype": "Dossier",
			"docname": province.a1,
			"is_private": 0,
		}
		# closed to staff by the request guard; a site operator's file is kept private too
		r = officer.post(f"{desk_url}/api/method/frappe.client.attach_file", data=attach, timeout=60)
		assert r.status_code == 403, r.text[-300:]
		# nor reached through upload_file, which calls the method named in its `method`
		r = officer.post(
			f"{desk_url}/api/method/upload_file",
			data={**attach, "method": "frappe.client.attach_file"},
			timeout=60,
		)
		assert r.status_code == 403, r.text[-300:]
		assert not frappe.db.exists(
			"File", {"file_name": "giay-to-2.txt", "owner": province.users["officer_a"]}
		)
		operator = session_for(desk_url, admin_token())
		r = operator.post(f"{desk_url}/api/method/frappe.client.attach_file", data=attach, timeout=60)
		assert r.status_code == 200, r.text[-300:]
		made.append(r.json()["message"]["name"])
		# the File row edited afterwards, as its owner may
		r = officer.put(
			f"{desk_url}/api/resource/File/{uploaded['name']}", json={"is_private": 0}, timeout=60
		)
		assert r.status_code in (200, 403, 417), r.text[-300:]
		frappe.db.rollback()
		for name in made:
			url, private = frappe.db.get_value("File", name, ["file_url", "is_private"])
			assert private == 1 and url.startswith("/private/files/"), (name, url)
			# the private address is refused; the public one holds nothing (Frappe's development
			# server answers a missing static file with its own error, nginx with a 404)
			for path in (url, url.replace("/private/files/", "/files/")):
				r = guest.get(f"{desk_url}{path}", timeout=60)
				assert r.status_code != 200 and content not in r.text, (path, r.status_code)
		# a row's Attach field that names a public file of the site
		public = frappe.get_doc(
			{"doctype": "File", "file_name": "cong-khai.txt", "is_private": 0, "content": b"public"}
		).insert(ignore_permissions=True)
		made.append(public.name)
		frappe.db.commit()
		data = officer.get(f"{desk_url}/api/resource/Dossier/{province.a1}", timeout=60).json()["data"]
		rows = data["documents"]
		rows[0]["file"] = public.file_url
		r = officer.put(
			f"{desk_url}/api/resource/Dossier/{province.a1}", json={"documents": rows}, timeout=60
		)
		assert r.status_code == 417 and "PublicAttachmentError" in r.text, r.text[-300:]
	finally:
		frappe.db.rollback()
		for name in made:
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		frappe.db.commit()


def test_a_record_another_request_holds_answers_409_try_again(desk_url, province):
	"""Two deletes of one record at once: the second is told to try again (409), not a server error."""
	from test_security_bad_input import admin_token

	s = session_for(desk_url, admin_token())
	todo = frappe.get_doc({"doctype": "ToDo", "description": "probe: held by another request"}).insert(
		ignore_permissions=True
	)
	frappe.db.commit()
	try:
		frappe.db.sql("select name from `tabToDo` where name = %s for update", todo.name)
		r = s.delete(f"{desk_url}/api/resource/ToDo/{todo.name}", timeout=60)
		assert r.status_code == 409, r.text[-300:]
		assert r.json()["exc_type"] == "QueryTimeoutError" and r.json().get("_server_messages")
	finally:
		frappe.db.rollback()
		frappe.delete_doc("ToDo", todo.name, force=True, ignore_permissions=True)
		frappe.db.commit()


@pytest.mark.parametrize("user", ["officer_a", "administrator"])
def test_a_chart_this_method_cannot_draw_is_refused_clearly(desk_url, province, user):
	"""`dashboard_chart.get` draws count and sum charts over a time span; a chart of another kind,
	or one with no time span, is refused with a 4xx."""
	from test_security_bad_input import admin_token

	s = session_for(desk_url, province.tokens.get(user) or admin_token())
	for chart in ("Dossiers by Status", "Dossiers Received"):
		r = s.post(
			f"{desk_url}/api/method/frappe.desk.doctype.dashboard_chart.dashboard_chart.get",
			data={"chart_name": chart},
			timeout=60,
		)
		assert 400 <= r.status_code < 500, (chart, r.status_code, r.text[-300:])
