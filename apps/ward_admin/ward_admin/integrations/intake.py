"""Dossiers filed on the national public-service portal (docs/contract.md, "Integrations"):
`POST /api/method/ward_admin.api.national.receive` with the portal's JSON, by the API key of a user
with the role National Portal.

The push becomes an Online dossier at status code 1 (Submitted Online) in the unit whose
`unit_code` is `MaDonVi`, under the version of procedure `MaTTHC` in force today, with
`national_dossier_id` = `MaHoSo`. The same `MaHoSo` again returns the same dossier and writes
nothing, also when two pushes arrive at once: a named database lock on the code is held from the
check to the end of the transaction, and the check is a locking read (it sees what the other push
committed). Missing fields, an unknown procedure or unit and a bad citizen ID are refused (417)
before anything is written.
"""

from __future__ import annotations

import frappe
from frappe import _

from ward_admin.services import citizen_id

ROLE = "National Portal"
REQUIRED = ("MaHoSo", "MaTTHC", "MaDonVi", "ChuHoSo", "MaDoiTuong")
LOCK_SECONDS = 20


class IntakeError(frappe.ValidationError):
	"""A push from the national portal that cannot become a dossier (answered 417, nothing written)."""


class IntakeBusyError(frappe.QueryTimeoutError):
	"""The same dossier is being taken in by another push right now (409: try again)."""


def refuse(message: str) -> None:
	frappe.throw(message, exc=IntakeError, title=_("Invalid National Portal Dossier"))


def receive(data: dict) -> dict:
	"""{"dossier": name} of the dossier made from (or already made from) the portal's push."""
	fields = {key: (value.strip() if isinstance(value, str) else value) for key, value in data.items()}
	missing = [key for key in REQUIRED if not fields.get(key) or not isinstance(fields[key], str)]
	if missing:
		refuse(_("The national portal's dossier lacks these fields: {0}").format(", ".join(missing)))
	code = fields["MaHoSo"]
	hold(code)
	existing = frappe.db.sql(
		"select name from `tabDossier` where national_dossier_id = %s for update", code, pluck=True
	)
	if existing:
		return {"dossier": existing[0]}
	unit = frappe.db.get_value("Administrative Unit", {"unit_code": fields["MaDonVi"]}, "name")
	if not unit:
		refuse(_("No administrative unit has the code {0}").format(fields["MaDonVi"]))
	procedure = procedure_in_force(fields["MaTTHC"])
	try:
		id_number = citizen_id.validate(fields["MaDoiTuong"])
	except citizen_id.CitizenIdError:
		refuse(_("{0} is not a valid 12-digit citizen ID number").format(fields["MaDoiTuong"]))
	doc = frappe.get_doc(
		{
			"doctype": "Dossier",
			"administrative_unit": unit,
			"procedure": procedure,
			"channel": "Online",
			"applicant_name": fields["ChuHoSo"],
			"applicant_id_number": id_number,
			"applicant_phone": fields.get("SoDienThoai") or None,
			"applicant_email": fields.get("Email") or None,
			"applicant_address": fields.get("DiaChi") or None,
			"national_dossier_id": code,
		}
	)
	doc.run_method("before_insert")  # the procedure's checklist, as the form fills it
	mark_documents(doc, fields.get("TaiLieuNop"))
	doc.insert(ignore_permissions=True)
	return {"dossier": doc.name}


def hold(code: str) -> None:
	"""A named lock on the national code until this transaction ends (committed or rolled back)."""
	name = f"ward_admin:national:{code}"[:64]
	if not frappe.db.sql("select get_lock(%s, %s)", (name, LOCK_SECONDS))[0][0]:
		frappe.throw(
			_("The national portal's dossier {0} is being received: try again").format(code),
			exc=IntakeBusyError,
		)

	def release():
		frappe.db.sql("select release_lock(%s)", name)

	frappe.db.after_commit.add(release)
	frappe.db.after_rollback.add(release)


def procedure_in_force(procedure_code: str) -> str:
	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	if not frappe.db.exists("Administrative Procedure", {"procedure_code": procedure_code}):
		refuse(_("No administrative procedure has the national code {0}").format(procedure_code))
	try:
		return get_effective_procedure(procedure_code)
	except frappe.ValidationError:
		refuse(_("No version of procedure {0} is in force today").format(procedure_code))


def mark_documents(doc, submitted) -> None:
	"""The documents the citizen uploaded on the portal (TaiLieuNop: [{TenGiayTo}]) are received."""
	if not isinstance(submitted, list):
		return
	names = [item.get("TenGiayTo") for item in submitted if isinstance(item, dict) and item.get("TenGiayTo")]
	checklist = {row.document_name: row for row in doc.documents}
	for name in names:
		if name in checklist:
			checklist[name].received = 1
		else:
			doc.append("documents", {"document_name": name, "received": 1})
