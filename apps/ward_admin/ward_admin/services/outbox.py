"""The outbox's arithmetic and texts, without Frappe: retry delays, the national portal's dates and
acknowledgements, errors with their secrets taken out, Vietnamese phone numbers.

The outbox itself (`ward_admin.integrations.outbox`) stores and sends; these rules are tested on
their own (tests/unit/test_outbox_rules.py).
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

NATIONAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
NATIONAL_DATE_FORMAT = "%Y%m%d%H%M%S"
# the national portal's acknowledgement of a message it has taken
ACCEPTED_ERROR_CODES = frozenset({"0", "00"})
MAX_ERROR_LENGTH = 1000
REDACTED = "***"


def retry_delay(attempts: int, first_seconds: int, max_seconds: int) -> int:
	"""Seconds to wait after the `attempts`-th failure: first_seconds, then twice as long each time,
	never longer than max_seconds."""
	if attempts < 1 or first_seconds <= 0:
		return 0
	# 2**n grows fast: stop doubling once past the cap
	delay = first_seconds
	for _ in range(attempts - 1):
		delay *= 2
		if delay >= max_seconds:
			break
	return min(delay, max_seconds) if max_seconds > 0 else delay


def national_date(value: datetime | None, zone: str) -> str:
	"""`yyyyMMddHHmmss` in Asia/Ho_Chi_Minh of a naive datetime stored in the site's `zone`; empty
	when there is none (the national portal's convention for a date not yet known)."""
	if not value:
		return ""
	if value.tzinfo is None:
		value = value.replace(tzinfo=ZoneInfo(zone))
	return value.astimezone(NATIONAL_ZONE).strftime(NATIONAL_DATE_FORMAT)


def is_acknowledged(status: int, body: object) -> bool:
	"""A national portal answer counts as delivered: 2xx and a JSON object whose error_code is 0/00."""
	if not 200 <= status < 300 or not isinstance(body, dict):
		return False
	return str(body.get("error_code", "")).strip() in ACCEPTED_ERROR_CODES


URL_CREDENTIALS = re.compile(r"(?P<scheme>[a-z][a-z0-9+.-]*://)[^/@\s]+@", re.IGNORECASE)
# an address's query: an SMS gateway's GET carries its key, the number and the text there
URL_QUERY = re.compile(r"(?P<path>[a-z][a-z0-9+.-]*://[^\s?'\"]*)\?[^\s'\")]*", re.IGNORECASE)


def redact(text: str | None, secrets=()) -> str:
	"""An error as it may be stored and shown to an admin who does not read citizens' data: no secret
	and no personal data in it (each given value, the user:password part and the query of any URL),
	cut to MAX_ERROR_LENGTH characters."""
	text = str(text or "")
	for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
		text = text.replace(secret, REDACTED)
	text = URL_CREDENTIALS.sub(lambda m: f"{m.group('scheme')}{REDACTED}@", text)
	text = URL_QUERY.sub(lambda m: f"{m.group('path')}?{REDACTED}", text)
	return text[:MAX_ERROR_LENGTH]


# ---------------------------------------------------------------- Vietnamese phone numbers

# 11-digit mobile numbers converted in 2018-2019 (docs/sources.md): old prefix -> new prefix
OLD_PREFIXES = {
	"0162": "032", "0163": "033", "0164": "034", "0165": "035", "0166": "036", "0167": "037",
	"0168": "038", "0169": "039",
	"0120": "070", "0121": "079", "0122": "077", "0126": "076", "0128": "078",
	"0123": "083", "0124": "084", "0125": "085", "0127": "081", "0129": "082",
	"0186": "056", "0188": "058",
	"0199": "059",
}  # fmt: skip
PHONE = re.compile(r"0[35789][0-9]{8}")


def normalize_phone(number: str | None) -> str | None:
	"""The 10-digit 0xxxxxxxxx form of a Vietnamese mobile number, or None when it is not one:
	spaces, dots, dashes and brackets go, +84 / 84 become 0, an old 11-digit number its new form."""
	digits = re.sub(r"[\s.\-()]", "", number or "")
	if digits.startswith("+"):
		digits = digits[1:]
		if not digits.startswith("84"):
			return None
	if digits.startswith("84") and len(digits) in (11, 12):
		digits = "0" + digits[2:]
	if len(digits) == 11 and digits[:4] in OLD_PREFIXES:
		digits = OLD_PREFIXES[digits[:4]] + digits[4:]
	return digits if PHONE.fullmatch(digits) else None
