"""Citizens online, in process (docs/contract.md, "Citizens online"; ward_admin.portal): the lookup by
code and secret answers alike for every wrong key and shows no personal data; online filing makes
an Online dossier at code 1 owned by the citizen, or is refused (417) writing nothing; a citizen's
list holds only their dossiers; a rating comes once, after the return. The HTTP side (429, the
guard, REST) is tests/api/test_portal_api.py."""

import json

import frappe
import pytest
from dossier_factory import act, make_procedure, make_ward, new_dossier

from ward_admin.api import portal as api
from ward_admin.emulation.doctype.citizen_rating.citizen_rating import InvalidRatingError
from ward_admin.one_stop.doctype.dossier.lifecycle import InvalidCitizenIdError, MissingDocumentsError
from ward_admin.portal import catalogue, filing, lookup
from ward_admin.portal.setup import CITIZEN_ROLE

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
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
APPLICANT = {
	"applicant_name": "Phạm Thị Công Dân",
	"applicant_id_number": "001195012345",
	"applicant_phone": "0912000111",
	"applicant_email": "congdan.portal@example.vn",
	"applicant_address": "Số 3 ngõ Cổng, phường Thử",
}


def citizen(email: str) -> str:
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": "Công dân",
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
		user.add_roles(CITIZEN_ROLE)
	return email


def upload(owner: str, content: bytes, name: str) -> str:
	"""A private file uploaded by `owner`, attached to nothing (what `upload_file` makes)."""
	user = frappe.session.user
	frappe.set_user(owner)
	try:
		file = frappe.get_doc(
			{"doctype": "File", "file_name": name, "is_private": 1, "content": content}
		).insert()
	finally:
		frappe.set_user(user)
	return file.file_url


@pytest.fixture
def online_procedure(db):
	make_ward()
	name = make_procedure("9.999220")
	frappe.db.set_value("Administrative Procedure", name, "online_level", "Full")
	frappe.clear_document_cache("Administrative Procedure", name)
	return name


def file_as(user, procedure, documents, **values):
	frappe.set_user(user)
	try:
		return api.submit(
			**{"administrative_unit": make_ward(), "procedure": procedure, **APPLICANT, **values},
			documents=json.dumps(documents),
		)
	finally:
		frappe.set_user("Administrator")


def test_the_lookup_answers_alike_for_every_wrong_key(online_procedure):
	doc = new_dossier(online_procedure, **APPLICANT).insert()
	right = lookup.find(doc.name, doc.lookup_secret)
	assert right and right.name == doc.name
	# what a citizen types from paper: spaces and small letters
	assert lookup.find(f" {doc.name} ", " ".join(doc.lookup_secret.lower())).name == doc.name
	wrong_secret = ("A" if doc.lookup_secret[0] != "A" else "B") + doc.lookup_secret[1:]
	for code, secret in (
		(doc.name, wrong_secret),
		(doc.name[:-1] + "9", doc.lookup_secret),
		(APPLICANT["applicant_id_number"], doc.lookup_secret),
		(doc.name, APPLICANT["applicant_id_number"]),
		(doc.name, ""),
		("", doc.lookup_secret),
		(doc.name, None),
		(["x"], {"y": 1}),
	):
		assert lookup.find(code, secret) is None
		with pytest.raises(lookup.DossierNotFoundError) as refused:
			lookup.find_or_404(code, secret)
		assert refused.value.http_status_code == 404
	assert frappe.DoesNotExistError.http_status_code == 404


def test_the_lookup_shows_the_state_not_the_applicant(online_procedure):
	doc = new_dossier(online_procedure, **APPLICANT).insert()
	view = lookup.public_view(lookup.find(doc.name, doc.lookup_secret))
	assert set(view) == LOOKUP_FIELDS
	assert view["status_code"] == 2 and view["status"] == "Được tiếp nhận"
	assert view["procedure_name"] == "_Test thủ tục 9.999220"
	assert view["unit_name"] == "_Test Phường Hồ Sơ"
	assert view["appointment_at"] and view["received_at"]
	text = frappe.as_json(view)
	for value in (*APPLICANT.values(), doc.lookup_secret):
		assert value not in text


def test_form_01_prints_the_secret_and_its_qr_opens_the_lookup(online_procedure):
	doc = new_dossier(online_procedure, **APPLICANT).insert()
	link = lookup.lookup_link(doc.name, doc.lookup_secret)
	assert link.endswith(f"/tra-cuu?ho-so={doc.name}&bi-mat={doc.lookup_secret}")
	assert lookup.lookup_link(doc.name).endswith(f"/tra-cuu?ho-so={doc.name}")


def test_a_citizen_files_online_at_code_1(online_procedure):
	user = citizen("_portal.congdan1@example.vn")
	form = upload(user, PDF, "to-khai.pdf")
	extra = upload(user, PNG, "uy-quyen.png")
	answer = file_as(
		user,
		online_procedure,
		[
			{"document_name": "Tờ khai", "file_url": form},
			{"document_name": "Giấy ủy quyền", "file_url": extra},
		],
	)
	assert set(answer) == {"dossier", "secret"}
	doc = frappe.get_doc("Dossier", answer["dossier"])
	assert doc.channel == "Online" and doc.status_code == 1 and doc.status == "Submitted Online"
	assert doc.portal_user == user and doc.lookup_secret == answer["secret"]
	assert doc.applicant_id_number == APPLICANT["applicant_id_number"]
	assert {row.document_name: row.file for row in doc.documents} == {
		"Tờ khai": form,
		"Giấy ủy quyền": extra,
	}
	files = frappe.get_all(
		"File",
		filters={"file_url": ("in", [form, extra])},
		fields=["attached_to_doctype", "attached_to_name", "is_private", "owner"],
	)
	assert all(
		f.attached_to_doctype == "Dossier"
		and f.attached_to_name == doc.name
		and f.is_private
		and f.owner == user
		for f in files
	)
	# in the desk's queue of online dossiers to receive, and looked up by its code and secret
	assert lookup.public_view(lookup.find(doc.name, answer["secret"]))["status"] == "Mới đăng ký"
	# the citizen's own list, and nobody else's
	frappe.set_user(user)
	assert [row["dossier"] for row in api.my_dossiers()] == [doc.name]
	frappe.set_user(citizen("_portal.congdan2@example.vn"))
	assert api.my_dossiers() == []
	frappe.set_user("Administrator")


def count_dossiers() -> int:
	return frappe.db.count("Dossier")


@pytest.mark.parametrize(
	"case, exc",
	[
		("offline procedure", filing.OnlineFilingNotAllowedError),
		("bad citizen ID", InvalidCitizenIdError),
		("another citizen's file", filing.ForeignFileError),
		("a text file called .pdf", filing.UnacceptedFileError),
		("a mandatory document missing", MissingDocumentsError),
		("a document of another procedure", filing.OnlineFilingError),
		("documents not a list", filing.OnlineFilingError),
		("too many files", filing.UnacceptedFileError),
		("unknown unit", filing.OnlineFilingNotAllowedError),
		("no name", filing.OnlineFilingError),
	],
)
def test_a_filing_refused_writes_nothing(online_procedure, case, exc):
	user = citizen("_portal.congdan1@example.vn")
	other = citizen("_portal.congdan2@example.vn")
	mine = upload(user, PDF, "to-khai.pdf")
	documents = [{"document_name": "Tờ khai", "file_url": mine}]
	values = {}
	if case == "offline procedure":
		frappe.db.set_value("Administrative Procedure", online_procedure, "online_level", "None")
		frappe.clear_document_cache("Administrative Procedure", online_procedure)
	elif case == "bad citizen ID":
		values["applicant_id_number"] = "12345"
	elif case == "another citizen's file":
		documents = [{"document_name": "Tờ khai", "file_url": upload(other, PDF + b"khac", "khac.pdf")}]
	elif case == "a text file called .pdf":
		documents = [{"document_name": "Tờ khai", "file_url": upload(user, b"just text", "gia.pdf")}]
	elif case == "a mandatory document missing":
		documents = [{"document_name": "Giấy ủy quyền", "file_url": mine}]
	elif case == "a document of another procedure":
		documents = [{"document_name": "Giấy khai sinh giả", "file_url": mine}]
	elif case == "documents not a list":
		documents = {"document_name": "Tờ khai"}
	elif case == "too many files":
		documents = [{"document_name": "Tờ khai", "file_url": mine}] * (filing.MAX_FILES + 1)
	elif case == "unknown unit":
		values["administrative_unit"] = "000.00.00.X00"
	elif case == "no name":
		values["applicant_name"] = "   "
	before = count_dossiers()
	with pytest.raises(exc) as refused:
		file_as(user, online_procedure, documents, **values)
	assert refused.value.http_status_code == 417
	assert count_dossiers() == before
	assert not frappe.db.get_value("File", {"file_url": mine}, "attached_to_name")


def test_only_citizens_file_and_list(online_procedure):
	from dossier_factory import make_unit_user

	officer = make_unit_user("_portal.motcua@example.vn", "One-Stop Officer")
	frappe.set_user(officer)
	with pytest.raises(api.NotACitizenError):
		api.my_dossiers()
	with pytest.raises(api.NotACitizenError):
		api.submit(make_ward(), online_procedure, "A", "001195012345")
	frappe.set_user("Administrator")


def test_a_rating_comes_once_after_the_return(online_procedure, frozen):
	with frozen("2026-03-02 10:00"):
		doc = new_dossier(online_procedure, **APPLICANT).insert()
	secret = doc.lookup_secret
	with pytest.raises(InvalidRatingError):
		api.rate(doc.name, secret, 5)
	doc = act(doc, "Start Processing", "2026-03-02 11:00", frozen)
	doc = act(doc, "Submit for Signature", "2026-03-02 11:30", frozen)
	doc = act(doc, "Resolve", "2026-03-03 09:00", frozen)
	doc = act(doc, "Return Result", "2026-03-03 10:00", frozen)
	for bad in ("0", "6", "4.5", "năm", "", " 5x"):
		with pytest.raises(InvalidRatingError, match="1"):
			api.rate(doc.name, secret, bad)
	with pytest.raises(lookup.DossierNotFoundError):
		api.rate(doc.name, "AAAAAAAA" if secret != "AAAAAAAA" else "BBBBBBBB", 5)
	assert not frappe.db.exists("Citizen Rating", {"dossier": doc.name})
	frappe.set_user("Guest")
	name = api.rate(doc.name, secret.lower(), "4", "Nhanh, chu đáo")
	frappe.set_user("Administrator")
	rating = frappe.get_doc("Citizen Rating", name)
	assert (rating.rating, rating.channel, rating.comment) == (4, "Portal", "Nhanh, chu đáo")
	with pytest.raises(InvalidRatingError):
		api.rate(doc.name, secret, 5)
	assert frappe.db.count("Citizen Rating", {"dossier": doc.name}) == 1


def test_the_catalogue_is_the_desks_own_and_ignores_accents(online_procedure):
	frappe.db.set_value(
		"Administrative Procedure", online_procedure, "procedure_name", "Đăng ký khai sinh Xuyên Thử"
	)
	frappe.clear_document_cache("Administrative Procedure", online_procedure)
	found = catalogue.procedures_in_force("dang KY khai sinh XUYEN")
	assert [row.name for row in found] == [online_procedure]
	assert catalogue.fold("Đăng Ký Khai Sinh") == "dang ky khai sinh"
	described = catalogue.describe(found[0])
	assert described.fee == "10.000 đồng" and described.can_file_online
	assert [d.name for d in described.documents] == ["Tờ khai", "Giấy ủy quyền"]
	assert described.time_limit == "3 ngày làm việc"
	# a procedure no longer in force leaves the catalogue
	frappe.db.set_value("Administrative Procedure", online_procedure, "effective_to", "2025-12-31")
	assert not catalogue.procedures_in_force("khai sinh xuyen")
	# the shipped catalogue is found the same way
	assert any(
		"khai sinh" in row.procedure_name.lower() for row in catalogue.procedures_in_force("KHAI SINH")
	)


def test_sign_up_makes_a_citizen_without_desk(db):
	"""Frappe's sign-up (a Website User who sets a password from the e-mail sent to the address)
	gives the role Citizen (Portal Settings' default role), which has no desk."""
	from frappe.core.doctype.user.user import sign_up

	frappe.db.set_single_value("Website Settings", "disable_signup", 0)
	frappe.set_user("Guest")
	status, _message = sign_up("_portal.dangky@example.vn", "Trần Văn Đăng Ký", "/ho-so-cua-toi")
	frappe.set_user("Administrator")
	# 1: the e-mail with the password link is sent; 2: no outgoing e-mail account on this site
	assert status in (1, 2)
	user = frappe.get_doc("User", "_portal.dangky@example.vn")
	assert user.user_type == "Website User"
	assert CITIZEN_ROLE in frappe.get_roles(user.name)
	assert not frappe.db.get_value("Role", CITIZEN_ROLE, "desk_access")


def test_the_demo_citizen_is_a_website_user(db):
	from ward_admin.setup.demo import _make_citizens

	_make_citizens(
		[{"email": "_portal.demo@example.vn", "first_name": "Lê Văn", "last_name": "Cường"}], "x-Pass-2026!"
	)
	assert frappe.db.get_value("User", "_portal.demo@example.vn", "user_type") == "Website User"
	assert frappe.get_roles("_portal.demo@example.vn").count(CITIZEN_ROLE) == 1


def test_a_citizen_sends_the_supplement_asked_for(online_procedure, frozen):
	from frappe.model.workflow import apply_workflow

	user = citizen("_portal.congdan1@example.vn")
	other = citizen("_portal.congdan2@example.vn")
	answer = file_as(
		user, online_procedure, [{"document_name": "Tờ khai", "file_url": upload(user, PDF, "a.pdf")}]
	)
	code = answer["dossier"]
	fixed = upload(user, PDF + b"2", "to-khai-moi.pdf")
	documents = json.dumps([{"document_name": "Tờ khai", "file_url": fixed}])
	# not while the dossier does not wait for a supplement
	frappe.set_user(user)
	with pytest.raises(filing.NotAwaitingSupplementError):
		api.supplement(code, documents)
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Dossier", code)
	for row in doc.documents:
		row.received = 1
	doc.save()
	apply_workflow(frappe.get_doc("Dossier", code), "Receive")
	apply_workflow(frappe.get_doc("Dossier", code), "Start Processing")
	doc = frappe.get_doc("Dossier", code)
	doc.supplement_request = "Tờ khai thiếu chữ ký"
	doc.save()
	apply_workflow(frappe.get_doc("Dossier", code), "Request Supplement")
	assert frappe.db.get_value("Dossier", code, "status_code") == 5
	# another citizen's dossier is not found, whatever they send
	frappe.set_user(other)
	with pytest.raises(lookup.DossierNotFoundError):
		api.supplement(code, documents)
	frappe.set_user(user)
	with pytest.raises(filing.ForeignFileError):
		api.supplement(
			code, json.dumps([{"document_name": "Tờ khai", "file_url": upload(other, PNG, "x.png")}])
		)
	assert api.supplement(code, documents) == {"dossier": code, "documents": ["Tờ khai"]}
	frappe.set_user("Administrator")
	doc = frappe.get_doc("Dossier", code)
	row = next(r for r in doc.documents if r.document_name == "Tờ khai")
	assert (row.file, row.received) == (fixed, 0)
	assert frappe.db.get_value("File", {"file_url": fixed, "owner": user}, "attached_to_name") == code
	# the officer's Supplement Received resumes the clock
	for r in doc.documents:
		r.received = 1
	doc.save()
	apply_workflow(frappe.get_doc("Dossier", code), "Supplement Received")
	assert frappe.db.get_value("Dossier", code, "status_code") == 4


def test_a_dossier_filed_and_paid_online_counts_in_the_service_index(online_procedure):
	"""The issue's measure: the Service Index counts it as received online and paid online."""
	from frappe.model.workflow import apply_workflow
	from frappe.utils import nowdate

	from ward_admin.fees.doctype.fee_receipt import online
	from ward_admin.indicators.report.service_index import service_index as report
	from ward_admin.services.receipts import sign
	from ward_admin.setup.fees import set_payment_secret

	user = citizen("_portal.congdan1@example.vn")
	answer = file_as(
		user, online_procedure, [{"document_name": "Tờ khai", "file_url": upload(user, PDF, "a.pdf")}]
	)
	doc = frappe.get_doc("Dossier", answer["dossier"])
	for row in doc.documents:
		row.received = 1
	doc.save()
	apply_workflow(frappe.get_doc("Dossier", doc.name), "Receive")
	set_payment_secret(make_ward(), "portal-index-secret")
	fields = {
		"transaction_id": "SIM-INDEX-1",
		"dossier": doc.name,
		"amount": "10000",
		"paid_at": frappe.utils.now_datetime().isoformat(timespec="seconds"),
	}
	online.receive({**fields, "signature": sign(fields, "portal-index-secret")})
	_columns, rows, *_rest = report.execute(
		{"administrative_unit": make_ward(), "from_date": nowdate(), "to_date": nowdate()}
	)
	row = next(row for row in rows if row["administrative_unit"] == make_ward())
	assert (row["received"], row["received_online"], row["fee_dossiers"], row["paid_online"]) == (1, 1, 1, 1)
