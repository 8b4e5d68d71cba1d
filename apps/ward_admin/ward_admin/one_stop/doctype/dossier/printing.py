"""What the seven dossier forms (docs/rules.md "Forms", one_stop/print_format) print beside the
dossier's own fields: the unit's header, the procedure, the applicant's personal data the reader
may see, and the control sheet, with every value in Vietnamese.

`dossier_print_context` is registered as a Jinja method in hooks.py. A state's name is printed in
Vietnamese from the translation file, whatever an admin called it.
"""

import frappe
from frappe.utils import get_fullname

from ward_admin.one_stop.doctype.dossier import control_sheet, states
from ward_admin.printing import format_number, format_vnd, time_limit_text, unit_header
from ward_admin.services import dossier_states as codes

# Vietnamese labels of the values the forms print
CHANNELS = {"Direct": "Trực tiếp", "Online": "Trực tuyến", "Postal": "Qua dịch vụ bưu chính"}
STEPS = {
	control_sheet.RECEPTION: "Tiếp nhận hồ sơ",
	control_sheet.EXAMINATION: "Thẩm định, giải quyết hồ sơ",
	control_sheet.APPROVAL: "Phê duyệt kết quả",
	control_sheet.RETURN: "Trả kết quả",
}
TIMELINESS = {"Early": "Trước hạn", "On Time": "Đúng hạn", "Late": "Quá hạn"}
PAUSES = {"Supplement": "Bổ sung, hoàn thiện hồ sơ", "Payment": "Thực hiện nghĩa vụ tài chính"}
# personal data of the applicant (permlevel 1 on Dossier)
PERSONAL_FIELDS = ("applicant_id_number", "applicant_phone", "applicant_email", "applicant_address")


def dossier_print_context(doc) -> frappe._dict:
	"""Everything a dossier form prints besides the dossier's own fields.

	The applicant's personal data (permlevel 1) come from the document only, and only when the
	user may read them: a Jinja print format receives the whole document whatever the user's
	field-level access.
	"""
	procedure = frappe.db.get_value(
		"Administrative Procedure", doc.procedure, ["procedure_name", "procedure_code"], as_dict=True
	) or frappe._dict(procedure_name=doc.procedure, procedure_code="")
	personal = frappe._dict(
		{
			field.removeprefix("applicant_"): (doc.get(field) or "")
			if doc.has_permlevel_access_to(field)
			else ""
			for field in PERSONAL_FIELDS
		}
	)
	steps = [step_row(row) for row in doc.get("steps") or []]
	pauses = [pause_row(row) for row in doc.get("pauses") or []]
	reception = steps[0] if steps else None
	# the hand-over to the processing body: the first step that ran after the reception
	processing = next((row for row in steps[1:] if row.started_at), None)
	supplements = [row for row in pauses if row.pause_type == "Supplement"]
	code = doc.name or ""
	return frappe._dict(
		header=unit_header(doc.administrative_unit),
		procedure_name=procedure.procedure_name,
		procedure_code=procedure.procedure_code,
		personal=personal,
		channel=CHANNELS.get(doc.channel, doc.channel or ""),
		status=frappe._(doc.status or "", lang="vi"),
		timeliness=TIMELINESS.get(doc.timeliness, ""),
		time_limit=time_limit_text(doc.processing_time, doc.time_unit),
		fee="Miễn phí, lệ phí" if doc.fee_exempt else format_vnd(doc.fee_amount),
		documents=[row for row in doc.get("documents") or [] if row.received],
		receiver=receiving_officer(doc, reception),
		steps=steps,
		pauses=pauses,
		# the hand-over to the processing body, the stop of processing, the latest supplement request
		forwarded_at=processing.started_at if processing else None,
		stopped_at=doc.modified if states.code_of(doc.status) == codes.STOPPED else None,
		supplement=supplements[-1] if supplements else None,
		# the dossier's number of the day, its line in the register
		sequence=int(code[-4:]) if code[-4:].isdigit() else "",
		apology_by=get_fullname(doc.apology_by) if doc.apology_by else "",
		modified_by=get_fullname(doc.modified_by) if doc.modified_by else "",
	)


def receiving_officer(doc, reception) -> str:
	"""Who received the dossier, for the signature under "Người tiếp nhận hồ sơ": the holder of the
	reception step once it is done; before that the officer who received it: at the counter the one
	who entered it, online the one who moved it to "received" (national code 2)."""
	if reception and reception.holder_name:
		return reception.holder_name
	if doc.channel != "Online":
		return staff_name(doc.owner)
	for version in frappe.get_all(
		"Version",
		filters={"ref_doctype": "Dossier", "docname": doc.name},
		fields=["owner", "data"],
		order_by="creation asc",
	):
		changed = frappe.parse_json(version.data or "{}").get("changed") or []
		if any(row[0] == "status_code" and row[2] == codes.RECEIVED for row in changed):
			return staff_name(version.owner)
	return ""


def staff_name(user: str | None) -> str:
	"""A member of staff's full name; none for the site's own accounts."""
	return get_fullname(user) if user and user not in ("Administrator", "Guest") else ""


def step_row(row) -> frappe._dict:
	return frappe._dict(
		step=row.step,
		label=STEPS.get(row.step, row.step),  # a step of an internal process is named by the admin
		holder_name=get_fullname(row.holder) if row.holder else "",
		started_at=row.started_at,
		due_at=row.due_at,
		completed_at=row.completed_at,
		timeliness=TIMELINESS.get(row.timeliness, ""),
	)


def pause_row(row) -> frappe._dict:
	return frappe._dict(
		pause_type=row.pause_type,
		label=PAUSES.get(row.pause_type, row.pause_type),
		reason=row.reason or "",
		started_at=row.started_at,
		ended_at=row.ended_at,
		working_hours=format_number(row.working_hours, 2) if row.ended_at else "",
		started_by=get_fullname(row.started_by) if row.started_by else "",
	)
