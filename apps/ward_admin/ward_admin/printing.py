"""What the dossier print formats (design §4 "Forms", one_stop/print_format) need from Python.

The seven forms are Jinja print formats written in Vietnamese. They call the functions below,
registered as Jinja methods in hooks.py: typed text escaped for HTML, a QR code as an inline
SVG data URI, VND amounts ("10.000 đồng"), Vietnamese dates ("02/03/2026", "10 giờ 00 phút,
ngày 02/03/2026", "ngày 02 tháng 3 năm 2026") and `dossier_print_context`, which gathers the
rest of a form: the unit's header, the procedure, labels in Vietnamese and the applicant's
personal data the user may read.
"""

import base64
import html
import io
from decimal import ROUND_HALF_UP, Decimal

import frappe
import pyqrcode
from frappe.utils import get_datetime, get_fullname, getdate, now_datetime

# Vietnamese labels of the values the forms print
CHANNELS = {"Direct": "Trực tiếp", "Online": "Trực tuyến", "Postal": "Qua dịch vụ bưu chính"}
STEPS = {
	"Reception": "Tiếp nhận hồ sơ",
	"Processing": "Thẩm định, giải quyết hồ sơ",
	"Approval": "Phê duyệt kết quả",
	"Return": "Trả kết quả",
}
TIMELINESS = {"Early": "Trước hạn", "On Time": "Đúng hạn", "Late": "Quá hạn"}
PAUSES = {"Supplement": "Bổ sung, hoàn thiện hồ sơ", "Payment": "Thực hiện nghĩa vụ tài chính"}
STATUSES = {
	"Submitted Online": "Mới đăng ký",
	"Received": "Được tiếp nhận",
	"Refused": "Không được tiếp nhận",
	"Processing": "Đang xử lý",
	"Awaiting Supplement": "Yêu cầu bổ sung",
	"Awaiting Payment": "Yêu cầu thực hiện nghĩa vụ tài chính",
	"Withdrawn": "Công dân rút hồ sơ",
	"Stopped": "Dừng xử lý",
	"Resolved": "Đã xử lý xong",
	"Returned": "Đã trả kết quả",
}
# kinds of commune-level unit, stripped from a unit's name to give the place of the date line
UNIT_KINDS = ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu", "Thị trấn")
# personal data of the applicant (permlevel 1 on Dossier)
PERSONAL_FIELDS = ("applicant_id_number", "applicant_phone", "applicant_email", "applicant_address")


# ---------------------------------------------------------------- text, QR code and amounts


def html_text(value) -> str:
	"""A value escaped once for HTML, whether or not Frappe escaped it when it was saved.

	Frappe stores text that looks like HTML escaped ("&lt;", "&amp;") and other text as typed;
	the print formats are not autoescaped, so every value staff or citizens typed goes through this.
	"""
	return html.escape(html.unescape(str(value if value is not None else "")), quote=True)


def qr_code_svg(text: str) -> str:
	"""A QR code of `text` as an SVG data URI for `<img src>`: same text, same URI."""
	code = pyqrcode.create(text or "", error="M", encoding="utf-8")
	buffer = io.BytesIO()
	code.svg(buffer, scale=1, xmldecl=False, omithw=True, svgclass=None, lineclass=None, background="#fff")
	svg = buffer.getvalue().decode().replace("<svg ", '<svg shape-rendering="crispEdges" ', 1)
	return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def format_number(value, decimals: int = 0) -> str:
	"""Vietnamese number: "." groups thousands, "," marks decimals (trailing zeros dropped)."""
	number = Decimal(str(value or 0)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
	whole, _, fraction = f"{abs(number):,.{decimals}f}".partition(".")
	fraction = fraction.rstrip("0")
	sign = "-" if number < 0 else ""
	return sign + whole.replace(",", ".") + ("," + fraction if fraction else "")


def format_vnd(amount) -> str:
	"""10000 -> "10.000 đồng": whole đồng, "." thousands separator."""
	return format_number(amount) + " đồng"


# ---------------------------------------------------------------- dates


def vn_date(value) -> str:
	"""dd/mm/yyyy, or "" when there is no date."""
	return f"{getdate(value):%d/%m/%Y}" if value else ""


def vn_datetime(value) -> str:
	"""HH:MM dd/mm/yyyy, or "" when there is no date."""
	return f"{get_datetime(value):%H:%M %d/%m/%Y}" if value else ""


def vn_time_words(value) -> str:
	"""The forms' "… giờ … phút, ngày …": "10 giờ 00 phút, ngày 02/03/2026"."""
	if not value:
		return ""
	value = get_datetime(value)
	return f"{value:%H} giờ {value:%M} phút, ngày {value:%d/%m/%Y}"


def vn_date_line(value=None) -> str:
	"""The date of an administrative document: "ngày 02 tháng 3 năm 2026" (today by default).

	Decree 30/2020: a day below 10 and the months 1 and 2 take a leading zero.
	"""
	value = getdate(value or now_datetime())
	month = f"{value.month:02d}" if value.month < 3 else str(value.month)
	return f"ngày {value.day:02d} tháng {month} năm {value.year}"


# ---------------------------------------------------------------- the dossier


def unit_header(unit: str | None) -> frappe._dict:
	"""The issuing body (the unit), its superior body (the parent unit) and the place name."""
	row = frappe.db.get_value(
		"Administrative Unit", unit, ["unit_name", "parent_administrative_unit"], as_dict=True
	) or frappe._dict(unit_name=unit or "", parent_administrative_unit=None)
	parent_name = (
		frappe.db.get_value("Administrative Unit", row.parent_administrative_unit, "unit_name")
		if row.parent_administrative_unit
		else None
	)
	unit_name = row.unit_name or ""
	return frappe._dict(
		unit_name=unit_name,
		unit=f"UBND {unit_name.upper()}",
		unit_in_text=f"Ủy ban nhân dân {lower_kind(unit_name)}",
		superior=f"UBND {parent_name.upper()}" if parent_name else "",
		place=place_name(unit_name),
	)


def place_name(unit_name: str) -> str:
	"""'Phường Văn An' -> 'Văn An', the place written before the date of a document."""
	for kind in UNIT_KINDS:
		if unit_name.startswith(kind + " ") and len(unit_name) > len(kind) + 1:
			return unit_name[len(kind) + 1 :]
	return unit_name


def lower_kind(unit_name: str) -> str:
	"""'Phường Văn An' -> 'phường Văn An', as written inside a sentence."""
	for kind in UNIT_KINDS:
		if unit_name.startswith(kind + " "):
			return kind.lower() + unit_name[len(kind) :]
	return unit_name


def time_limit_text(processing_time, time_unit: str | None) -> str:
	"""The legal time limit as the receipt slip writes it."""
	if time_unit == "Working Hours":
		return f"{format_number(processing_time, 2)} giờ làm việc"
	if not processing_time:
		return "trong ngày làm việc"
	return f"{format_number(processing_time, 2)} ngày làm việc"


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
	reception = next((row for row in steps if row.step == "Reception"), None)
	processing = next((row for row in steps if row.step == "Processing"), None)
	supplements = [row for row in pauses if row.pause_type == "Supplement"]
	code = doc.name or ""
	return frappe._dict(
		header=unit_header(doc.administrative_unit),
		procedure_name=procedure.procedure_name,
		procedure_code=procedure.procedure_code,
		personal=personal,
		channel=CHANNELS.get(doc.channel, doc.channel or ""),
		status=STATUSES.get(doc.status, doc.status or ""),
		timeliness=TIMELINESS.get(doc.timeliness, ""),
		time_limit=time_limit_text(doc.processing_time, doc.time_unit),
		fee="Miễn phí, lệ phí" if doc.fee_exempt else format_vnd(doc.fee_amount),
		documents=[row for row in doc.get("documents") or [] if row.received],
		receiver=reception.holder_name if reception else get_fullname(doc.owner),
		steps=steps,
		pauses=pauses,
		# the hand-over to the processing body, the stop of processing, the latest supplement request
		forwarded_at=processing.started_at if processing else None,
		stopped_at=processing.completed_at if processing and doc.status == "Stopped" else None,
		supplement=supplements[-1] if supplements else None,
		# the dossier's number of the day, its line in the register
		sequence=int(code[-4:]) if code[-4:].isdigit() else "",
		apology_by=get_fullname(doc.apology_by) if doc.apology_by else "",
		modified_by=get_fullname(doc.modified_by) if doc.modified_by else "",
	)


def step_row(row) -> frappe._dict:
	return frappe._dict(
		step=row.step,
		label=STEPS.get(row.step, row.step),
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
