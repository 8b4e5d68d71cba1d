"""A dossier's digitised result (`result_file`): what the applicant downloads from the portal, with
a QR code that opens its check at `/ket-qua/<result_token>` (Circular 01/2023/TT-VPCP: the QR on
results, as `/bien-lai/` does for receipts).

When staff attach the result (the form's Attach field uploads it as a private file of this
dossier), the save checks it is this dossier's own file and a PDF, JPEG or PNG by its content,
records its SHA-256 (`result_sha256`, shown by the check), makes the check's random token once
and marks the result digitised (the Service Index's digitisation rate). Taking the file away
withdraws the check: the token and the fingerprint go with it.
"""

import hashlib

import frappe
from frappe import _

from ward_admin.services.file_kinds import file_kind

TOKEN_LENGTH = 32


class InvalidResultFileError(frappe.ValidationError):
	"""A result file that is not this dossier's own attachment, or not a PDF, JPEG or PNG."""


def result_file_doc(doc):
	"""The File row of the dossier's result, attached to this dossier (None when there is none)."""
	if not doc.get("result_file"):
		return None
	name = frappe.db.get_value(
		"File",
		{"file_url": doc.result_file, "attached_to_doctype": "Dossier", "attached_to_name": doc.name},
		"name",
	)
	return frappe.get_doc("File", name) if name else None


def check_result(doc) -> None:
	"""Dossier validate: the result's fingerprint, token and digitised flag follow `result_file`."""
	if not doc.get("result_file"):
		doc.result_sha256 = None
		doc.result_token = None
		return
	before = doc.get_doc_before_save()
	if before is not None and before.get("result_file") == doc.result_file and doc.result_token:
		return
	file = None if doc.is_new() else result_file_doc(doc)
	if file is None:
		frappe.throw(
			_("Attach the result to this dossier first: the result file must be one of its own attachments"),
			exc=InvalidResultFileError,
			title=_("Invalid Result File"),
		)
	content = file.get_content()
	if isinstance(content, str):
		content = content.encode()
	if not file_kind(content):
		frappe.throw(
			_("The result must be a PDF, JPEG or PNG file"),
			exc=InvalidResultFileError,
			title=_("Invalid Result File"),
		)
	doc.result_sha256 = hashlib.sha256(content).hexdigest()
	doc.result_token = frappe.generate_hash(length=TOKEN_LENGTH)
	doc.result_digitized = 1
