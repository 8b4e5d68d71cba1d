"""The QR code on a chip citizen ID card (CCCD), as a USB scanner types it into a form field.

Layout (Circular 06/2021/TT-BCA), fields separated by "|":
personal ID number (12 digits) | old ID number (9 digits, or empty) | full name |
date of birth ddmmyyyy | sex "Nam"/"Nữ" | permanent address | issue date ddmmyyyy [| extra fields...]
Newer cards add trailing fields (ignored). Scanners may append Enter or Tab, pad fields with spaces,
or drop the accents when the keyboard layout is not Unicode ("Nguyen Van An", "Nu").
Pure Python: no frappe import.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

from ward_admin.services import citizen_id

FIELDS = ("id_number", "old_id_number", "full_name", "date_of_birth", "sex", "address", "issue_date")
ASCII_DIGITS = frozenset("0123456789")
# invisible characters some scanners/clipboards add, beside what str.strip() removes
INVISIBLE = "\ufeff\u200b"

REASONS = {
	"empty": "nothing was scanned",
	"truncated": "fewer than 7 fields: the scan was cut short",
	"id_number": "not a valid 12-digit personal ID number",
	"old_id_number": "old ID number must be empty or 9 digits",
	"name": "full name is empty",
	"date_of_birth": "date of birth is not a real ddmmyyyy date, or is in the future",
	"sex": 'sex must be "Nam" or "Nữ"',
	"issue_date": "issue date is not a real ddmmyyyy date, is before birth, or is in the future",
	"digits": "non-ASCII digits (e.g. full-width): the scanner's keyboard layout is wrong",
}


class CccdQrError(ValueError):
	"""Why a scan is refused: `reason` is a REASONS key, `field` a FIELDS name (None for the whole
	text), `detail` the citizen_id reason when citizen_id refused the ID number."""

	def __init__(self, reason: str, field: str | None = None, detail: str | None = None):
		super().__init__(f"{field}: {reason}" if field else reason)
		self.reason = reason
		self.field = field
		self.detail = detail


@dataclass(frozen=True)
class CccdData:
	id_number: str
	old_id_number: str
	full_name: str
	date_of_birth: date
	sex: str  # "Nam" or "Nữ"
	address: str
	issue_date: date | None
	accents_lost: bool = False  # the text looked accent-stripped: ask the officer to check the name


def looks_like_qr(text: str) -> bool:
	"""Cheap test for each keystroke/paste. Any script's digits count, so that a wrong keyboard
	layout reaches parse() and gets the "digits" reason instead of being silently ignored.
	True already when the 6th "|" is typed: wait for Enter or a pause before parsing."""
	text = _strip(text or "")
	return text.count("|") >= 6 and len(text) >= 12 and text[:12].isdecimal()


def parse(text: str, today: date | None = None) -> CccdData:
	"""The card's data, or CccdQrError naming the reason and field."""
	today = today or date.today()
	text = _strip(unicodedata.normalize("NFC", text or ""))
	if not text:
		raise CccdQrError("empty")
	parts = text.split("|")
	if len(parts) < len(FIELDS):
		raise CccdQrError("truncated")
	raw = dict(zip(FIELDS, (part.strip() for part in parts), strict=False))

	id_number = raw["id_number"]
	if not _ascii_digits(id_number, "id_number") or len(id_number) != 12:
		raise CccdQrError("id_number", "id_number", "format")
	try:
		citizen_id.validate(id_number, today=today)
	except citizen_id.CitizenIdError as e:
		raise CccdQrError("id_number", "id_number", e.reason)

	old_id_number = raw["old_id_number"]
	if not _ascii_digits(old_id_number, "old_id_number") or len(old_id_number) not in (0, 9):
		raise CccdQrError("old_id_number", "old_id_number")

	full_name = " ".join(raw["full_name"].split())
	if not full_name:
		raise CccdQrError("name", "full_name")

	date_of_birth = _date(raw["date_of_birth"], "date_of_birth")
	if date_of_birth > today:
		raise CccdQrError("date_of_birth", "date_of_birth")

	sex, sex_unaccented = _sex(raw["sex"])
	address = " ".join(raw["address"].split())

	issue_date = _date(raw["issue_date"], "issue_date") if raw["issue_date"] else None
	if issue_date and not date_of_birth <= issue_date <= today:
		raise CccdQrError("issue_date", "issue_date")

	# digits 4-6 of the ID number encode the birth year
	try:
		citizen_id.validate(id_number, date_of_birth=date_of_birth, today=today)
	except citizen_id.CitizenIdError as e:
		raise CccdQrError("id_number", "id_number", e.reason)

	# Vietnamese name + address with no non-ASCII letter at all: the layout dropped the accents
	accents_lost = sex_unaccented or (full_name + address).isascii()
	return CccdData(
		id_number, old_id_number, full_name, date_of_birth, sex, address, issue_date, accents_lost
	)


def _strip(text: str) -> str:
	return text.strip().strip(INVISIBLE).strip()


def _ascii_digits(value: str, field: str) -> bool:
	"""Whether `value` is ASCII digits only; other scripts' digits (which str.isdigit accepts and
	citizen_id's NFKC would turn into ASCII) mean a wrong keyboard layout: "digits"."""
	if any(ch.isdigit() and ch not in ASCII_DIGITS for ch in value):
		raise CccdQrError("digits", field)
	return all(ch in ASCII_DIGITS for ch in value)


def _date(value: str, field: str) -> date:
	"""A ddmmyyyy date: 8 ASCII digits forming a real date."""
	if not _ascii_digits(value, field) or len(value) != 8:
		raise CccdQrError(field, field)
	try:
		return date(int(value[4:]), int(value[2:4]), int(value[:2]))
	except ValueError:
		raise CccdQrError(field, field)


def _sex(value: str) -> tuple[str, bool]:
	"""("Nam" | "Nữ", whether the value was the accent-stripped "Nu")."""
	key = value.casefold()
	if key == "nam":
		return "Nam", False
	if key == "nữ":
		return "Nữ", False
	if key == "nu":
		return "Nữ", True
	raise CccdQrError("sex", "sex")
