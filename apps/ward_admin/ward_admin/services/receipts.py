"""E-receipt rules of fees and charges (Decree 254/2026 Art 23, Circular 91/2026): pure Python.

- the form symbol (ký hiệu mẫu biên lai): ``EBL`` + 2 digits, ``EBL01`` without face value;
- the receipt symbol (ký hiệu biên lai): 2-digit year + ``T`` (registered with the tax authority)
  + two letters of ``RECEIPT_SYMBOL_LETTERS`` chosen by the unit, e.g. ``26TAB``;
- the receipt number: from 1 on 1 January for each symbol, at most 8 digits;
- the amount in Vietnamese words, as a receipt writes it ("Một trăm hai mươi lăm nghìn đồng");
- the online payment callback's signature: lowercase hex HMAC-SHA512 over the fields other than
  ``signature``, sorted by name and joined as ``key=value`` with ``&``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping

MAX_RECEIPT_NUMBER = 99_999_999
RECEIPT_SYMBOL_LETTERS = "ABCDEGHKLMNPQRSTUVXY"
FORM_SYMBOL = re.compile(r"EBL[0-9]{2}")
RECEIPT_SYMBOL = re.compile(rf"([0-9]{{2}})T[{RECEIPT_SYMBOL_LETTERS}]{{2}}")


class ReceiptRuleError(ValueError):
	"""A symbol, number or amount a receipt may not carry."""


def is_form_symbol(value: str | None) -> bool:
	return bool(value) and FORM_SYMBOL.fullmatch(value) is not None


def is_receipt_symbol(value: str | None, year: int | None = None) -> bool:
	"""``26TAB``; with ``year``, its two digits must be that year's."""
	match = RECEIPT_SYMBOL.fullmatch(value or "")
	if not match:
		return False
	return year is None or int(match.group(1)) == year % 100


def check_receipt_number(number: int) -> int:
	if not 1 <= number <= MAX_RECEIPT_NUMBER:
		raise ReceiptRuleError(f"a receipt number has 1 to 8 digits, not {number}")
	return number


# ---------------------------------------------------------------- amounts in words

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
MAX_AMOUNT = 10**15 - 1  # below a million billion (triệu tỷ): far above any fee


def _group(number: int, leading: bool) -> list[str]:
	"""Words of 0 < number < 1000; `leading` when no higher group is read before it."""
	hundreds, tens, units = number // 100, number // 10 % 10, number % 10
	words: list[str] = []
	if hundreds or not leading:
		words += [DIGITS[hundreds], "trăm"]
	if tens == 0:
		if units:
			if words:
				words.append("linh")
			words.append(DIGITS[units])
	elif tens == 1:
		words.append("mười")
		if units:
			words.append("lăm" if units == 5 else DIGITS[units])
	else:
		words += [DIGITS[tens], "mươi"]
		if units == 1:
			words.append("mốt")
		elif units == 4:
			words.append("tư")
		elif units == 5:
			words.append("lăm")
		elif units:
			words.append(DIGITS[units])
	return words


def _below_billion(number: int, leading: bool) -> list[str]:
	words: list[str] = []
	for scale, name in ((10**6, "triệu"), (10**3, "nghìn"), (1, "")):
		group = number // scale % 1000
		if group:
			words += _group(group, leading)
			if name:
				words.append(name)
			leading = False
		elif words:
			leading = False
	return words


def number_in_words(number: int) -> str:
	"""Vietnamese words of a whole number, lower case: 1_005_000 -> "một triệu không trăm linh năm
	nghìn"."""
	if not isinstance(number, int) or isinstance(number, bool):
		raise ReceiptRuleError("an amount in words is a whole number")
	if number < 0 or number > MAX_AMOUNT:
		raise ReceiptRuleError(f"no words for {number}")
	if number == 0:
		return DIGITS[0]
	billions, rest = divmod(number, 10**9)
	words: list[str] = []
	if billions:
		words += [*_below_billion(billions, True), "tỷ"]
	if rest:
		words += _below_billion(rest, not billions)
	return " ".join(words)


def amount_in_words(amount: int) -> str:
	"""A receipt's amount in words: "Một trăm hai mươi lăm nghìn đồng"."""
	text = number_in_words(amount) + " đồng"
	return text[0].upper() + text[1:]


# ---------------------------------------------------------------- the online payment callback


def signing_string(fields: Mapping[str, object]) -> str:
	return "&".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "signature")


def sign(fields: Mapping[str, object], secret: str) -> str:
	return hmac.new(secret.encode(), signing_string(fields).encode(), hashlib.sha512).hexdigest()


def signature_matches(fields: Mapping[str, object], secret: str) -> bool:
	given = str(fields.get("signature") or "")
	return bool(secret) and hmac.compare_digest(sign(fields, secret), given.lower())
