"""What the app's Vietnamese print formats need from Python, whatever they print.

Registered as Jinja methods in hooks.py: typed text escaped for HTML, a QR code as an inline
SVG data URI, VND amounts ("10.000 đồng"), Vietnamese dates ("02/03/2026", "10 giờ 00 phút,
ngày 02/03/2026", "ngày 02 tháng 3 năm 2026") and the issuing unit's header. What a form of
one doctype prints beside its own fields lives with that doctype (the dossier's forms:
one_stop/doctype/dossier/printing.py).
"""

import base64
import html
import io
from decimal import ROUND_HALF_UP, Decimal

import frappe
import pyqrcode
from frappe.utils import get_datetime, getdate, now_datetime

# kinds of commune-level unit, stripped from a unit's name to give the place of the date line
UNIT_KINDS = ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu", "Thị trấn")


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


# ---------------------------------------------------------------- the issuing unit


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
