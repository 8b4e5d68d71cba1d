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
