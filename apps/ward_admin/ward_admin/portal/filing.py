"""Online filing (`ward_admin.api.portal.submit`): a citizen's dossier with its documents,
received online at national status code 1, in the desk's queue of dossiers to receive.

The documents are uploaded first with Frappe's `upload_file`, as private files; here each one
must be the caller's own private file, attached to nothing yet, a PDF, JPEG or PNG by its first
bytes (whatever its name says), no larger than `MAX_FILE_SIZE`, and at most `MAX_FILES` of them.
The applicant is checked as at the counter (the citizen-ID rule of `services.citizen_id`). Every
refusal is a `frappe.ValidationError` (417) raised before anything is written.
"""

import json

import frappe
from frappe import _

from ward_admin.one_stop.doctype.dossier.lifecycle import (
	InvalidCitizenIdError,
	MissingDocumentsError,
	validate_applicant,
)
from ward_admin.portal import catalogue
from ward_admin.services.file_kinds import file_kind

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_FILES = 10
MAX_LENGTHS = {"applicant_name": 140, "applicant_phone": 20, "applicant_email": 140, "applicant_address": 500}


class OnlineFilingError(frappe.ValidationError):
	"""A filing the portal refuses (what it says is what to correct)."""


class OnlineFilingNotAllowedError(OnlineFilingError):
	"""A procedure not in force, or one whose `online_level` is None, or a unit that receives none."""


class ForeignFileError(OnlineFilingError):
	"""A document that is not a private file of the caller's, not yet attached to anything."""


class UnacceptedFileError(OnlineFilingError):
	"""A document that is not a PDF, JPEG or PNG by its content, or too large, or too many."""


def refuse(message: str, exc=OnlineFilingError) -> None:
	frappe.throw(message, exc=exc, title=_("Cannot File Online"))


def parse_documents(documents) -> list[dict]:
	if isinstance(documents, str):
		try:
			documents = json.loads(documents or "[]")
		except ValueError:
			refuse(_("The documents must be a list of {document_name, file_url}"))
	if documents is None:
		documents = []
	if not isinstance(documents, list) or not all(
		isinstance(row, dict)
		and isinstance(row.get("document_name"), str)
		and isinstance(row.get("file_url"), str)
		for row in documents
	):
		refuse(_("The documents must be a list of {document_name, file_url}"))
	if len(documents) > MAX_FILES:
		refuse(_("At most {0} files may be uploaded with a dossier").format(MAX_FILES), UnacceptedFileError)
	return documents


def check_procedure(unit: str, procedure: str):
	if not isinstance(unit, str) or unit not in {row.name for row in catalogue.receiving_units()}:
		refuse(_("Choose the ward or commune that receives your dossier"), OnlineFilingNotAllowedError)
	in_force = {row.name for row in catalogue.procedures_in_force()}
	if not isinstance(procedure, str) or procedure not in in_force:
		refuse(_("This procedure is not in force"), OnlineFilingNotAllowedError)
	doc = frappe.get_cached_doc("Administrative Procedure", procedure)
	if doc.online_level not in ("Full", "Partial"):
		refuse(
			_("Procedure {0} cannot be filed online: file it at the one-stop shop").format(
				doc.procedure_name
			),
			OnlineFilingNotAllowedError,
		)
	return doc


def check_file(file_url: str, user: str, taken: set[str]) -> str:
	"""The caller's own private upload of an accepted kind, attached to nothing yet: its File name.

	Frappe stores identical bytes once, so several File records (of several users) may share an
	address: the caller's own record is the one taken, and only the caller's.
	"""
	files = frappe.get_all(
		"File",
		filters={
			"file_url": file_url,
			"owner": user,
			"is_private": 1,
			"is_folder": 0,
			"attached_to_name": ("is", "not set"),
			"name": ("not in", sorted(taken) or [""]),
		},
		pluck="name",
		order_by="creation asc",
		limit=1,
	)
	if not files:
		refuse(_("File {0} is not one you uploaded").format(file_url), ForeignFileError)
	content = frappe.get_doc("File", files[0]).get_content()
	if isinstance(content, str):
		content = content.encode()
	if len(content or b"") > MAX_FILE_SIZE:
		refuse(
			_("File {0} is larger than {1} MB").format(file_url, MAX_FILE_SIZE // (1024 * 1024)),
			UnacceptedFileError,
		)
	if not file_kind(content):
		refuse(_("File {0} is not a PDF, JPEG or PNG file").format(file_url), UnacceptedFileError)
	taken.add(files[0])
	return files[0]


def clean(value, fieldname: str) -> str:
	if value is None:
		return ""
	if not isinstance(value, str | int):
		refuse(_("{0} must be text").format(fieldname))
	value = " ".join(str(value).split())
	if len(value) > MAX_LENGTHS[fieldname]:
		refuse(_("{0} is too long").format(fieldname))
	return value


def submit(
	administrative_unit,
	procedure,
	applicant_name,
	applicant_id_number,
	applicant_phone=None,
	applicant_email=None,
	applicant_address=None,
	documents=None,
) -> dict:
	"""Files the dossier as the session's citizen: {dossier, secret}."""
	user = frappe.session.user
	proc = check_procedure(administrative_unit, procedure)
	name = clean(applicant_name, "applicant_name")
	if not name:
		refuse(_("Write the applicant's full name"))
	if not isinstance(applicant_id_number, str) or not applicant_id_number.strip():
		refuse(_("Write the applicant's 12-digit citizen ID number"), InvalidCitizenIdError)
	applicant = frappe._dict(applicant_id_number=applicant_id_number.strip())
	validate_applicant(applicant)  # the counter's rule, InvalidCitizenIdError

	rows = parse_documents(documents)
	required = {row.document_name: bool(row.mandatory) for row in proc.documents}
	uploaded: dict[str, list[str]] = {}
	files: list[str] = []
	taken: set[str] = set()
	for row in rows:
		if row["document_name"] not in required:
			refuse(_("{0} is not a document of this procedure").format(row["document_name"]))
		files.append(check_file(row["file_url"], user, taken))
		uploaded.setdefault(row["document_name"], []).append(row["file_url"])
	missing = [doc_name for doc_name, mandatory in required.items() if mandatory and doc_name not in uploaded]
	if missing:
		frappe.throw(
			_("Upload these mandatory documents: {0}").format(", ".join(missing)),
			exc=MissingDocumentsError,
			title=_("Missing Documents"),
		)

	dossier = frappe.get_doc(
		{
			"doctype": "Dossier",
			"administrative_unit": administrative_unit,
			"procedure": proc.name,
			"channel": "Online",
			"applicant_name": name,
			"applicant_id_number": applicant.applicant_id_number,
			"applicant_phone": clean(applicant_phone, "applicant_phone"),
			"applicant_email": clean(applicant_email, "applicant_email"),
			"applicant_address": clean(applicant_address, "applicant_address"),
			"portal_user": user,
		}
	)
	for row in proc.documents:
		urls = uploaded.get(row.document_name) or [None]
		for url in urls:
			dossier.append(
				"documents", {"document_name": row.document_name, "mandatory": row.mandatory, "file": url}
			)
	# the citizen has no right on Dossier in the desk: the portal checked all of the above itself
	dossier.insert(ignore_permissions=True)
	for file in files:
		frappe.db.set_value(
			"File",
			file,
			{"attached_to_doctype": "Dossier", "attached_to_name": dossier.name, "attached_to_field": "file"},
		)
	return {"dossier": dossier.name, "secret": dossier.lookup_secret}


class NotAwaitingSupplementError(OnlineFilingError):
	"""Documents sent to a dossier that is not waiting for a supplement (national code 5)."""


def supplement(code, documents) -> dict:
	"""The session citizen's documents for their own dossier awaiting a supplement (code 5): each
	upload is checked as at filing and set on the dossier's row of that document. The officer's
	"Supplement Received" then resumes the clock."""
	from ward_admin.portal.lookup import not_found
	from ward_admin.services import dossier_states as codes

	user = frappe.session.user
	if not isinstance(code, str) or not frappe.db.exists("Dossier", {"name": code, "portal_user": user}):
		not_found()
	dossier = frappe.get_doc("Dossier", code)
	if int(dossier.status_code or 0) != codes.AWAITING_SUPPLEMENT:
		refuse(_("Dossier {0} is not waiting for a supplement").format(code), NotAwaitingSupplementError)
	rows = parse_documents(documents)
	if not rows:
		refuse(_("Upload the documents the supplement request asks for"))
	names = {row.document_name for row in dossier.documents}
	taken: set[str] = set()
	files = []
	for row in rows:
		if row["document_name"] not in names:
			refuse(_("{0} is not a document of this procedure").format(row["document_name"]))
		files.append(check_file(row["file_url"], user, taken))
	for row in rows:
		target = next(r for r in dossier.documents if r.document_name == row["document_name"])
		target.file = row["file_url"]
		target.received = 0  # the officer checks it again
	# the citizen holds no right on Dossier in the desk: the portal checked the owner and the state
	dossier.save(ignore_permissions=True)
	for file in files:
		frappe.db.set_value(
			"File",
			file,
			{"attached_to_doctype": "Dossier", "attached_to_name": dossier.name, "attached_to_field": "file"},
		)
	dossier.add_comment(
		"Info",
		_("The citizen uploaded a supplement: {0}").format(", ".join(row["document_name"] for row in rows)),
	)
	return {"dossier": dossier.name, "documents": [row["document_name"] for row in rows]}
