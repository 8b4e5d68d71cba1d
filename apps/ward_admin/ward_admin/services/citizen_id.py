"""The 12-digit personal ID number (số định danh cá nhân, CCCD): pure-Python checks.

Structure (Law on Identity 26/2023 Art 12; Circular 07/2016/TT-BCA Art 7):
digits 1-3 the province where the birth was registered (the 63 pre-2025 province codes, not the
34 provinces after the 2025 merger), digit 4 century and sex (1900s male 0 / female 1, 2000s 2 / 3,
2100s 4 / 5, ...), digits 5-6 the last two digits of the birth year, digits 7-12 random.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

# Circular 07/2016/TT-BCA Annex: codes of the 63 provinces and centrally-run cities
PROVINCE_CODES = frozenset(
	"001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 "
	"037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 "
	"077 079 080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)


ASCII_DIGITS = re.compile(r"[0-9]{12}")


class CitizenIdError(ValueError):
	"""Why a number is not a valid personal ID; `reason` is one of the REASONS keys."""

	def __init__(self, reason: str):
		super().__init__(reason)
		self.reason = reason


REASONS = {
	"format": "must be exactly 12 digits",
	"province": "digits 1-3 are not a province code",
	"birth_year": "digits 4-6 do not match the date of birth",
	"future": "digits 4-6 give a birth year in the future",
}


def normalize(number: str | None) -> str:
	"""Digits only: staff type spaces and dots as they read the card aloud, and an input method
	may type full-width digits (NFKC makes them ASCII; other scripts' digits stay and fail)."""
	number = unicodedata.normalize("NFKC", number or "")
	return "".join(ch for ch in number if not ch.isspace() and ch not in ".-")


def birth_year(number: str) -> int:
	century = 1900 + 100 * (int(number[3]) // 2)
	return century + int(number[4:6])


def sex(number: str) -> str:
	return "Female" if int(number[3]) % 2 else "Male"


def validate(number: str | None, date_of_birth: date | None = None, today: date | None = None) -> str:
	"""The normalized number, or CitizenIdError saying what is wrong."""
	number = normalize(number)
	if not ASCII_DIGITS.fullmatch(number):
		raise CitizenIdError("format")
	if number[:3] not in PROVINCE_CODES:
		raise CitizenIdError("province")
	year = birth_year(number)
	if year > (today or date.today()).year:
		raise CitizenIdError("future")
	if date_of_birth and date_of_birth.year != year:
		raise CitizenIdError("birth_year")
	return number
