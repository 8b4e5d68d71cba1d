"""A dossier's digitised result (issue 22): staff attach it, the owner downloads it from the portal
as a PDF carrying a QR code, and the QR opens a public check of it — over HTTP against the served
test site. Nobody else gets it, and the check shows no personal data.

Records are committed (the server is another process) and removed at the end."""

import hashlib
import io
import re

import frappe
import pytest
import requests
from frappe.model.workflow import apply_workflow
from pypdf import PdfReader

from ward_admin.one_stop.doctype.dossier.result import InvalidResultFileError

WARD = "999.22.05.H99"
PROCEDURE_CODE = "9.999225"
PASSWORD = "Ket-Qua-2026!"
OWNER = "_portal.result.congdan1@example.vn"
OTHER = "_portal.result.congdan2@example.vn"
APPLICANT = {
	"applicant_name": "Canary Trần Văn Kết",
	"applicant_id_number": "001195067891",
	"applicant_phone": "0913000333",
	"applicant_email": "canary.ket@example.vn",
}
RESULT = "/api/method/ward_admin.api.portal.result"


def _remove() -> None:
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	frappe.set_user("Administrator")
	for name in frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Dossier", "attached_to_name": ("like", f"{WARD}-%")},
		pluck="name",
	):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	for user in (OWNER, OTHER):
		if frappe.db.exists("User", user):
			frappe.delete_doc("User", user, force=True, ignore_permissions=True)
	frappe.db.commit()
	remove_committed_records([WARD], [PROCEDURE_CODE])
	for scope in ("result-check",):
		for address in ("127.0.0.1", "local"):
			frappe.cache.delete(frappe.cache.make_key(f"ward_admin:portal-{scope}:{address}"))


def online_dossier(
	procedure, owner=OWNER, through=("Receive", "Start Processing", "Submit for Signature", "Resolve")
):
	from dossier_factory import new_dossier

	doc = new_dossier(procedure, unit=WARD, channel="Online", portal_user=owner, **APPLICANT).insert()
	# filed online by `owner` (the portal's filing sets it; a desk save may not)
	frappe.db.set_value("Dossier", doc.name, "portal_user", owner)
	for action in through:
		doc = apply_workflow(frappe.get_doc("Dossier", doc.name), action)
	return frappe.get_doc("Dossier", doc.name)


def attach(doc, content: bytes, name: str) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": name,
			"content": content,
			"is_private": 1,
			"attached_to_doctype": "Dossier",
			"attached_to_name": doc.name,
			"attached_to_field": "result_file",
		}
	).insert(ignore_permissions=True)
	return file.file_url


def result_pdf() -> bytes:
	from frappe.utils.pdf import get_pdf

	return get_pdf("<h1>GIẤY KHAI SINH</h1><p>Bản chính số 123/2026</p>")


def result_png() -> bytes:
	from PIL import Image

	buffer = io.BytesIO()
	Image.new("RGB", (300, 200), (220, 230, 240)).save(buffer, format="PNG")
	return buffer.getvalue()


@pytest.fixture(scope="module")
def results(site):
	from dossier_factory import make_citizen, make_procedure, make_ward

	_remove()
	make_ward(WARD, "_Test Phường Kết Quả")
	procedure = make_procedure(PROCEDURE_CODE)
	frappe.db.set_value("Administrative Procedure", procedure, "online_level", "Full")
	make_citizen(OWNER, PASSWORD)
	make_citizen(OTHER, PASSWORD)
	pdf, png = result_pdf(), result_png()
	resolved = online_dossier(procedure)
	resolved.result_file = attach(resolved, pdf, "giay-khai-sinh.pdf")
	resolved.save()
	pictured = online_dossier(procedure)
	pictured.result_file = attach(pictured, png, "ket-qua.png")
	pictured.save()
	processing = online_dossier(procedure, through=("Receive", "Start Processing"))
	processing.result_file = attach(processing, pdf, "du-thao.pdf")
	processing.save()
	frappe.db.commit()
	yield frappe._dict(
		procedure=procedure,
		pdf=pdf,
		resolved=frappe.get_doc("Dossier", resolved.name),
		pictured=frappe.get_doc("Dossier", pictured.name),
		processing=frappe.get_doc("Dossier", processing.name),
	)
	_remove()


def session(desk_url, user=None) -> requests.Session:
	s = requests.Session()
	if user:
		r = s.post(f"{desk_url}/api/method/login", data={"usr": user, "pwd": PASSWORD}, timeout=60)
		assert r.status_code == 200, r.text[-300:]
	return s


def test_attaching_the_result_fingerprints_it_and_marks_it_digitised(results):
	doc = results.resolved
	assert doc.result_sha256 == hashlib.sha256(results.pdf).hexdigest()
	assert len(doc.result_token) == 32 and doc.result_digitized == 1
	# a file of another dossier is not this dossier's result
	doc.result_file = frappe.get_value(
		"File", {"attached_to_name": results.pictured.name, "attached_to_field": "result_file"}, "file_url"
	)
	with pytest.raises(InvalidResultFileError):
		doc.save()
	frappe.db.rollback()
	# nor is a file that is no PDF, JPEG or PNG by its content
	doc = frappe.get_doc("Dossier", results.resolved.name)
	doc.result_file = attach(doc, b"MZ\x90\x00 not a document", "ket-qua.pdf")
	with pytest.raises(InvalidResultFileError):
		doc.save()
	frappe.db.rollback()
	# a client cannot write the fingerprint or the token (they are the server's)
	doc = frappe.get_doc("Dossier", results.resolved.name)
	assert frappe.get_meta("Dossier").get_field("result_token").read_only
	assert frappe.get_meta("Dossier").get_field("result_sha256").read_only


def test_the_owner_downloads_the_result_with_a_qr_that_checks_it(desk_url, results):
	doc = results.resolved
	owner = session(desk_url, OWNER)
	r = owner.get(f"{desk_url}{RESULT}", params={"code": doc.name}, timeout=120)
	assert r.status_code == 200, r.text[-500:]
	assert r.content.startswith(b"%PDF-")
	assert f"ket-qua-{doc.name}.pdf" in r.headers.get("Content-Disposition", "")
	pdf = PdfReader(io.BytesIO(r.content))
	assert len(pdf.pages) == len(PdfReader(io.BytesIO(results.pdf)).pages)  # the result's own pages
	text = pdf.pages[0].extract_text().replace("\t", " ")
	assert "GIẤY KHAI SINH" in text  # the result itself
	check = re.search(r"https?://\S+/ket-qua/([A-Za-z0-9]+)", text.replace("\n", ""))
	assert check and check.group(1) == doc.result_token, text  # the stamp's address, beside its QR
	assert doc.name in text

	page = requests.get(f"{desk_url}/ket-qua/{doc.result_token}", timeout=60)
	assert page.status_code == 200
	assert doc.name in page.text and doc.result_sha256 in page.text
	assert "Kiểm tra kết quả giải quyết" in page.text
	for personal in APPLICANT.values():
		assert personal not in page.text
	assert requests.get(f"{desk_url}/ket-qua/{'x' * 32}", timeout=60).status_code == 404

	# the owner's page offers it
	mine = owner.get(f"{desk_url}/ho-so-cua-toi", timeout=60)
	assert f"{RESULT}?code={doc.name}" in mine.text
	assert f"{RESULT}?code={results.processing.name}" not in mine.text


def test_a_picture_result_becomes_a_stamped_pdf(desk_url, results):
	doc = results.pictured
	r = session(desk_url, OWNER).get(f"{desk_url}{RESULT}", params={"code": doc.name}, timeout=120)
	assert r.status_code == 200 and r.content.startswith(b"%PDF-")
	text = PdfReader(io.BytesIO(r.content)).pages[0].extract_text().replace("\n", "")
	assert f"/ket-qua/{doc.result_token}" in text


def test_nobody_else_gets_the_result(desk_url, results):
	code = results.resolved.name
	other = session(desk_url, OTHER)
	assert other.get(f"{desk_url}{RESULT}", params={"code": code}, timeout=60).status_code == 404
	assert (
		other.get(f"{desk_url}{RESULT}", params={"code": "999.22.05.H99-260101-0001"}, timeout=60).status_code
		== 404
	)
	guest = requests.get(f"{desk_url}{RESULT}", params={"code": code}, timeout=60)
	assert guest.status_code == 403
	# not resolved yet: the same 404 as for someone else's
	owner = session(desk_url, OWNER)
	assert (
		owner.get(f"{desk_url}{RESULT}", params={"code": results.processing.name}, timeout=60).status_code
		== 404
	)
	# malformed: a 4xx, never a 500
	assert owner.get(f"{desk_url}{RESULT}", params={"code": "x" * 500}, timeout=60).status_code == 404
	assert owner.get(f"{desk_url}{RESULT}", timeout=60).status_code == 404
	# the file itself stays private: not reachable by another citizen nor a guest
	url = results.resolved.result_file
	assert other.get(f"{desk_url}{url}", timeout=60).status_code in (403, 404)
	assert requests.get(f"{desk_url}{url}", timeout=60).status_code in (403, 404)


def test_taking_the_result_away_withdraws_its_check(desk_url, results):
	doc = frappe.get_doc("Dossier", results.pictured.name)
	token = doc.result_token
	doc.result_file = None
	doc.save()
	frappe.db.commit()
	assert (doc.result_token, doc.result_sha256) == (None, None)
	assert requests.get(f"{desk_url}/ket-qua/{token}", timeout=60).status_code == 404
	owner = session(desk_url, OWNER)
	assert owner.get(f"{desk_url}{RESULT}", params={"code": doc.name}, timeout=60).status_code == 404
