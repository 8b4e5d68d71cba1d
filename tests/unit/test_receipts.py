"""E-receipt rules (services/receipts.py): symbols, numbers, amounts in words and the callback's
signature. The words are checked against readings of Vietnamese receipts and, as a property, by
reading them back into the number."""

import hashlib
import hmac
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ward_admin.services.receipts import (
	MAX_AMOUNT,
	ReceiptRuleError,
	amount_in_words,
	check_receipt_number,
	is_form_symbol,
	is_receipt_symbol,
	number_in_words,
	sign,
	signature_matches,
	signing_string,
)


@pytest.mark.parametrize("symbol", ["EBL01", "EBL02", "EBL99"])
def test_form_symbols(symbol):
	assert is_form_symbol(symbol)


@pytest.mark.parametrize("symbol", ["", None, "EBL1", "EBL001", "ebl01", "EBX01", "EBL0١", " EBL01"])
def test_bad_form_symbols(symbol):
	assert not is_form_symbol(symbol)


@pytest.mark.parametrize("symbol", ["26TAB", "26TYY", "27TXE", "26TAA"])
def test_receipt_symbols(symbol):
	assert is_receipt_symbol(symbol)


@pytest.mark.parametrize(
	# F, I, J, O, W and Z are not in the allowed set; the letter after the year is always T
	"symbol",
	["26TAF", "26TIJ", "26TOW", "26TZA", "26AAB", "2TAB", "26TABC", "26tab", "٢٦TAB", ""],
)
def test_bad_receipt_symbols(symbol):
	assert not is_receipt_symbol(symbol)


def test_receipt_symbol_carries_its_year():
	assert is_receipt_symbol("26TAB", 2026)
	assert not is_receipt_symbol("25TAB", 2026)
	assert is_receipt_symbol("00TAB", 2100)


def test_receipt_numbers_have_at_most_eight_digits():
	assert check_receipt_number(1) == 1
	assert check_receipt_number(99_999_999) == 99_999_999
	for bad in (0, -1, 100_000_000):
		with pytest.raises(ReceiptRuleError):
			check_receipt_number(bad)


@pytest.mark.parametrize(
	"number, words",
	[
		(0, "không"),
		(5, "năm"),
		(10, "mười"),
		(15, "mười lăm"),
		(21, "hai mươi mốt"),
		(24, "hai mươi tư"),
		(25, "hai mươi lăm"),
		(40, "bốn mươi"),
		(105, "một trăm linh năm"),
		(110, "một trăm mười"),
		(1_000, "một nghìn"),
		(2_000, "hai nghìn"),
		(8_000, "tám nghìn"),
		(15_000, "mười lăm nghìn"),
		(50_000, "năm mươi nghìn"),
		(125_000, "một trăm hai mươi lăm nghìn"),
		(200_000, "hai trăm nghìn"),
		(1_005_000, "một triệu không trăm linh năm nghìn"),
		(1_000_005, "một triệu không trăm linh năm"),
		(1_250_500, "một triệu hai trăm năm mươi nghìn năm trăm"),
		(2_000_000_100, "hai tỷ một trăm"),
		(1_000_000_000_000, "một nghìn tỷ"),
	],
)
def test_number_in_words(number, words):
	assert number_in_words(number) == words


def test_amount_in_words_reads_like_a_receipt():
	assert amount_in_words(125_000) == "Một trăm hai mươi lăm nghìn đồng"
	assert amount_in_words(0) == "Không đồng"


@pytest.mark.parametrize("bad", [-1, MAX_AMOUNT + 1, 1.5, True, "100"])
def test_no_words_for_what_is_not_an_amount(bad):
	with pytest.raises(ReceiptRuleError):
		number_in_words(bad)


# ---------------------------------------------------------------- reading the words back

VALUES = {
	"không": 0,
	"một": 1,
	"mốt": 1,
	"hai": 2,
	"ba": 3,
	"bốn": 4,
	"tư": 4,
	"năm": 5,
	"lăm": 5,
	"sáu": 6,
	"bảy": 7,
	"tám": 8,
	"chín": 9,
}


def read_group(words: list[str]) -> int:
	"""A number below 1000 from its words, by a reader who knows only the digits and the markers."""
	total, current = 0, 0
	for word in words:
		if word in VALUES:
			current = VALUES[word]
		elif word == "trăm":
			total += current * 100
			current = 0
		elif word == "mươi":
			total += current * 10
			current = 0
		elif word == "mười":
			total += 10
		elif word == "linh":
			pass
		else:
			raise AssertionError(f"unexpected word {word!r}")
	return total + current


def read_below_billion(words: list[str]) -> int:
	total, group = 0, []
	for word in words:
		if word in ("triệu", "nghìn"):
			total += read_group(group) * (10**6 if word == "triệu" else 10**3)
			group = []
		else:
			group.append(word)
	return total + read_group(group)


def read(text: str) -> int:
	words = text.split()
	if "tỷ" in words:
		at = words.index("tỷ")
		return read_below_billion(words[:at]) * 10**9 + read_below_billion(words[at + 1 :])
	return read_below_billion(words)


@settings(max_examples=3000)
@given(st.integers(min_value=0, max_value=MAX_AMOUNT))
def test_words_read_back_to_the_number(number):
	assert read(number_in_words(number)) == number


@settings(max_examples=1000)
@given(st.integers(min_value=1, max_value=999_999_999))
def test_words_follow_the_reading_rules(number):
	words = number_in_words(number).split()
	# "mười" alone is ten: never "một mươi"; a unit five after a ten is "lăm"; a one after
	# twenty and above is "mốt"; "linh" stands only between a hundred and a lone unit
	assert "một mươi" not in " ".join(words)
	for before, after in itertools.pairwise(words):
		if before in ("mười", "mươi"):
			assert after != "năm"
		if before == "mươi":
			assert after != "một"
		if after == "linh":
			assert before == "trăm"
	assert words[0] not in ("không", "linh")


# ---------------------------------------------------------------- the callback's signature

FIELDS = {"transaction_id": "VNP123", "dossier": "000.00.01.H22-261201-0001", "amount": 8000}


def test_signing_string_sorts_fields_and_leaves_out_the_signature():
	assert signing_string({**FIELDS, "signature": "x", "paid_at": "2026-12-01T10:00:00+07:00"}) == (
		"amount=8000&dossier=000.00.01.H22-261201-0001&paid_at=2026-12-01T10:00:00+07:00"
		"&transaction_id=VNP123"
	)


def test_signature_is_hmac_sha512_hex():
	expected = hmac.new(b"s3cret", signing_string(FIELDS).encode(), hashlib.sha512).hexdigest()
	assert sign(FIELDS, "s3cret") == expected
	assert len(expected) == 128
	assert signature_matches({**FIELDS, "signature": expected}, "s3cret")
	assert signature_matches({**FIELDS, "signature": expected.upper()}, "s3cret")


@given(st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=10**9))
def test_any_change_breaks_the_signature(secret, amount):
	fields = {**FIELDS, "amount": amount}
	signed = {**fields, "signature": sign(fields, secret)}
	assert signature_matches(signed, secret)
	assert not signature_matches({**signed, "amount": amount + 1}, secret)
	assert not signature_matches(signed, secret + "x")
	assert not signature_matches({**fields, "signature": ""}, secret)
	assert not signature_matches(signed, "")
