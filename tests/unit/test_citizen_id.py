"""Personal ID numbers (services/citizen_id.py): the legal structure, and properties."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ward_admin.services.citizen_id import PROVINCE_CODES, CitizenIdError, birth_year, sex, validate

TODAY = date(2026, 11, 26)


@pytest.mark.parametrize(
	"number, year, expected_sex",
	[
		("001090012345", 1990, "Male"),  # Hà Nội, 1900s male
		("031185000001", 1985, "Female"),  # Hải Phòng, 1900s female
		("079203123456", 2003, "Male"),  # TP.HCM, 2000s male
		("048325999999", 2025, "Female"),  # Đà Nẵng, 2000s female
	],
)
def test_valid_numbers(number, year, expected_sex):
	assert validate(number, today=TODAY) == number
	assert birth_year(number) == year
	assert sex(number) == expected_sex


def test_spaces_and_dots_are_ignored():
	assert validate("001 090 012.345", today=TODAY) == "001090012345"


@pytest.mark.parametrize(
	"number, reason",
	[
		("", "format"),
		(None, "format"),
		("00109001234", "format"),
		("0010900123456", "format"),
		("00109001234A", "format"),
		("003090012345", "province"),  # 003 is not a province code
		("097090012345", "province"),
		("001399012345", "future"),  # a 2099 birth in 2026
	],
)
def test_invalid_numbers(number, reason):
	with pytest.raises(CitizenIdError) as error:
		validate(number, today=TODAY)
	assert error.value.reason == reason


def test_birth_year_must_match_date_of_birth():
	assert validate("001090012345", date(1990, 5, 1), today=TODAY)
	with pytest.raises(CitizenIdError, match="birth_year"):
		validate("001090012345", date(1991, 5, 1), today=TODAY)


@given(
	province=st.sampled_from(sorted(PROVINCE_CODES)),
	year=st.integers(1900, 2026),
	female=st.booleans(),
	tail=st.integers(0, 999_999),
)
def test_every_well_formed_number_round_trips(province, year, female, tail):
	century_digit = 2 * ((year - 1900) // 100) + int(female)
	number = f"{province}{century_digit}{year % 100:02d}{tail:06d}"
	assert validate(number, date(year, 1, 1), today=TODAY) == number
	assert birth_year(number) == year
	assert sex(number) == ("Female" if female else "Male")


@pytest.mark.parametrize(
	"number",
	[
		"001" + "\u0660\u0669\u0660\u0660\u0661\u0662\u0663\u0664\u0665",  # Arabic-Indic digits
		"001" + "\u09e6\u09ef\u09e6\u09e6\u09e7\u09e8\u09e9\u09ea\u09eb",  # Bengali digits
		"001" + "\u0e50\u0e59\u0e50\u0e50\u0e51\u0e52\u0e53\u0e54\u0e55",  # Thai digits
	],
)
def test_digits_of_other_scripts_are_refused(number):
	with pytest.raises(CitizenIdError) as error:
		validate(number)
	assert error.value.reason == "format"


def test_full_width_digits_from_an_input_method_become_ascii():
	assert validate("００１０９００１２３４５") == "001090012345"


@given(st.text(min_size=12, max_size=12))
def test_whatever_is_accepted_is_twelve_ascii_digits(text):
	try:
		number = validate(text)
	except CitizenIdError:
		return
	assert len(number) == 12 and all("0" <= ch <= "9" for ch in number)
