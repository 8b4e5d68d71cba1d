"""CCCD chip-card QR text as a scanner types it (services/cccd_qr.py)."""

import unicodedata
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ward_admin.services.cccd_qr import CccdData, CccdQrError, looks_like_qr, parse
from ward_admin.services.citizen_id import PROVINCE_CODES

TODAY = date(2026, 11, 26)
# 001 Hà Nội, digit 4 "0" = born in the 1900s, male; "90" = 1990
SAMPLE = "001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Hàng Bài, Phường Hoàn Kiếm, Hà Nội|15082021"
# digit 4 "1" = born in the 1900s, female
STRIPPED = "001190012345|123456789|Nguyen Thi An|01011990|Nu|So 1 Hang Bai, Phuong Hoan Kiem, Ha Noi|15082021"


def fields(text=SAMPLE, **changes):
	"""SAMPLE with some fields replaced (by index name)."""
	names = ["id", "old", "name", "dob", "sex", "address", "issued"]
	parts = dict(zip(names, text.split("|"), strict=True))
	parts.update(changes)
	return "|".join(parts[name] for name in names)


def refused(text, reason, field=None):
	with pytest.raises(CccdQrError) as info:
		parse(text, today=TODAY)
	assert info.value.reason == reason
	assert info.value.field == field
	return info.value


def test_valid_sample_field_by_field():
	data = parse(SAMPLE, today=TODAY)
	assert data.id_number == "001090012345"
	assert data.old_id_number == "123456789"
	assert data.full_name == "Nguyễn Văn An"
	assert data.date_of_birth == date(1990, 1, 1)
	assert data.sex == "Nam"
	assert data.address == "Số 1 Hàng Bài, Phường Hoàn Kiếm, Hà Nội"
	assert data.issue_date == date(2021, 8, 15)
	assert data.accents_lost is False


@pytest.mark.parametrize("suffix", ["\r\n", "\n", "\r", "\t", "  \r\n", "\n\n"])
def test_enter_or_tab_appended(suffix):
	assert parse(SAMPLE + suffix, today=TODAY) == parse(SAMPLE, today=TODAY)


def test_spaces_around_fields_and_inside_name_and_address():
	padded = " " + " | ".join(SAMPLE.split("|")) + " "
	assert parse(padded, today=TODAY) == parse(SAMPLE, today=TODAY)
	spaced = fields(name="Nguyễn   Văn\tAn", address="Số 1  Hàng Bài,   Hà Nội")
	data = parse(spaced, today=TODAY)
	assert data.full_name == "Nguyễn Văn An"
	assert data.address == "Số 1 Hàng Bài, Hà Nội"


def test_invisible_characters_and_decomposed_accents():
	nfd = unicodedata.normalize("NFD", SAMPLE)
	assert nfd != SAMPLE
	assert parse("\ufeff" + nfd + "\r\n", today=TODAY) == parse(SAMPLE, today=TODAY)


def test_accent_stripped_text():
	data = parse(STRIPPED, today=TODAY)
	assert data.full_name == "Nguyen Thi An"
	assert data.sex == "Nữ"
	assert data.accents_lost is True


def test_all_ascii_name_and_address_with_nam_is_flagged():
	text = fields(name="Nguyen Van An", address="So 1 Hang Bai, Ha Noi")
	assert parse(text, today=TODAY).accents_lost is True
	# accents in the address: the scanner kept them, an ASCII name is then taken as is
	assert parse(fields(name="John Smith"), today=TODAY).accents_lost is False


@pytest.mark.parametrize(
	"value, expected, lost",
	[
		("Nam", "Nam", False),
		("nam", "Nam", False),
		("NAM", "Nam", False),
		("Nữ", "Nữ", False),
		("NỮ", "Nữ", False),
		("nữ", "Nữ", False),
		("Nu", "Nữ", True),
		("NU", "Nữ", True),
	],
)
def test_sex_normalised(value, expected, lost):
	female = fields(id="001190012345", sex=value)
	data = parse(female, today=TODAY)
	assert data.sex == expected
	assert data.accents_lost is lost


@pytest.mark.parametrize("value", ["Male", "F", "", "Nữa", "N"])
def test_unknown_sex(value):
	refused(fields(sex=value), "sex", "sex")


def test_no_old_id_number():
	assert parse(fields(old=""), today=TODAY).old_id_number == ""


@pytest.mark.parametrize("value", ["12345678", "1234567890", "12345678a", "001090012345"])
def test_bad_old_id_number(value):
	refused(fields(old=value), "old_id_number", "old_id_number")


def test_extra_trailing_fields_ignored():
	assert parse(SAMPLE + "|extra|0123456789||\r\n", today=TODAY) == parse(SAMPLE, today=TODAY)


def test_empty_issue_date_is_none():
	assert parse(fields(issued="") + "\n", today=TODAY).issue_date is None


@pytest.mark.parametrize(
	"text",
	[
		"001090012345|123456789|Nguyễn Văn An",
		"001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Hàng Bài, Phường Hoàn Kiếm, Hà Nội",
		"001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Hàng Bài\r\n",
		"001090012345",
	],
)
def test_truncated(text):
	refused(text, "truncated")


@pytest.mark.parametrize("text", ["", "   ", "\r\n", " \t\r\n ", None])
def test_empty(text):
	refused(text, "empty")


@pytest.mark.parametrize(
	"number",
	[
		"００１０９００１２３４５",  # full-width
		"٠٠١٠٩٠٠١٢٣٤٥",  # Arabic-Indic
		"۰۰۱۰۹۰۰۱۲۳۴۵",  # Extended Arabic-Indic (Persian)
		"00109001234５",  # one full-width digit
	],
)
def test_non_ascii_digits_in_id(number):
	refused(fields(id=number), "digits", "id_number")


def test_non_ascii_digits_in_dates():
	refused(fields(dob="０１０１１９９０"), "digits", "date_of_birth")
	refused(fields(issued="١٥٠٨٢٠٢١"), "digits", "issue_date")


@pytest.mark.parametrize(
	"number, detail",
	[
		("003090012345", "province"),  # 003 is not a province code
		("00109001234", "format"),  # 11 digits
		("0010900123456", "format"),  # 13 digits
		("001 090 012345", "format"),  # citizen_id would accept spaces; a scan does not have them
		("00109001234A", "format"),
		("", "format"),
		("001228012345", "future"),  # born 2028
		("001091012345", "birth_year"),  # says 1991, date of birth says 1990
		("001208012345", "birth_year"),  # says 2008
		("001290012345", "future"),  # says 2090
	],
)
def test_id_refused_by_citizen_id(number, detail):
	assert refused(fields(id=number), "id_number", "id_number").detail == detail


def test_empty_name():
	refused(fields(name="  "), "name", "full_name")


@pytest.mark.parametrize(
	"value", ["31022000", "29022001", "00012000", "01132000", "0101200", "010120000", "1.1.2000"]
)
def test_impossible_date_of_birth(value):
	refused(fields(id="001200012345", dob=value), "date_of_birth", "date_of_birth")


def test_leap_day_is_a_real_date():
	assert parse(fields(id="001200012345", dob="29022000"), today=TODAY).date_of_birth == date(2000, 2, 29)


def test_future_date_of_birth():
	# 2026 male: the ID's year is not in the future, the day is
	text = fields(id="001226012345", dob="27112026", issued="")
	refused(text, "date_of_birth", "date_of_birth")
	assert parse(text, today=date(2026, 11, 27)).date_of_birth == date(2026, 11, 27)


@pytest.mark.parametrize("value", ["31121989", "27112026", "31022021", "1508202"])
def test_bad_issue_date(value):
	refused(fields(issued=value), "issue_date", "issue_date")


def test_issue_date_on_birth_day_and_today():
	assert parse(fields(issued="01011990"), today=TODAY).issue_date == date(1990, 1, 1)
	assert parse(fields(issued="26112026"), today=TODAY).issue_date == TODAY


def test_default_today_is_the_real_date():
	assert parse(SAMPLE).id_number == "001090012345"


def test_error_is_a_value_error_with_message():
	error = refused(fields(sex="X"), "sex", "sex")
	assert isinstance(error, ValueError)
	assert "sex" in str(error)


@pytest.mark.parametrize(
	"text",
	[
		SAMPLE,
		STRIPPED,
		" " + SAMPLE + "\r\n",
		fields(id="００１０９００１２３４５"),
		SAMPLE + "|x|y",
		"001090012345||||||",
	],
)
def test_looks_like_qr(text):
	assert looks_like_qr(text)


@pytest.mark.parametrize(
	"text",
	[
		"",
		None,
		"001090012345",
		"001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Hàng Bài",  # 5 "|"
		"00109001234|123456789|Nguyễn Văn An|01011990|Nam|Hà Nội|15082021",  # 11 digits
		"Nguyễn Văn An|001090012345|123456789|01011990|Nam|Hà Nội|15082021",
		"|001090012345|123456789|Nguyễn Văn An|01011990|Nam|Hà Nội|15082021",
	],
)
def test_does_not_look_like_qr(text):
	assert not looks_like_qr(text)


# Round trip: any valid card, typed with padding and Enter, parses back to itself
LETTERS = "abcdđeghiklmnopqrstuvxyăâêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ"]
word = st.text(alphabet=LETTERS, min_size=1, max_size=7).map(str.capitalize)
pad = st.sampled_from(["", " ", "  ", "\t", " \t "])


@st.composite
def cards(draw):
	dob = draw(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
	sex = draw(st.sampled_from(["Nam", "Nữ"]))
	century = 2 * ((dob.year - 1900) // 100) + (sex == "Nữ")
	tail = draw(st.text(alphabet="0123456789", min_size=6, max_size=6))
	id_number = f"{draw(st.sampled_from(sorted(PROVINCE_CODES)))}{century}{dob.year % 100:02d}{tail}"
	address = draw(st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789 ,./-", max_size=60))
	return CccdData(
		id_number=id_number,
		old_id_number=draw(st.just("") | st.text(alphabet="0123456789", min_size=9, max_size=9)),
		full_name=" ".join([draw(st.sampled_from(FAMILY)), *draw(st.lists(word, min_size=1, max_size=3))]),
		date_of_birth=dob,
		sex=sex,
		address=" ".join(address.split()),
		issue_date=draw(st.none() | st.dates(min_value=dob, max_value=TODAY)),
		accents_lost=False,  # the family name always has an accent
	)


def render(data, pads, lead, trail):
	values = [
		data.id_number,
		data.old_id_number,
		data.full_name,
		data.date_of_birth.strftime("%d%m%Y"),
		data.sex,
		data.address,
		data.issue_date.strftime("%d%m%Y") if data.issue_date else "",
	]
	return lead + "|".join(p + v + q for v, (p, q) in zip(values, pads, strict=True)) + trail


@given(
	data=cards(),
	pads=st.lists(st.tuples(pad, pad), min_size=7, max_size=7),
	lead=st.sampled_from(["", " ", "\t", "\n"]),
	trail=st.sampled_from(["", "\r", "\n", "\r\n", "\t", " \r\n", "\r\n\r\n"]),
)
def test_round_trip(data, pads, lead, trail):
	text = render(data, pads, lead, trail)
	assert looks_like_qr(text)
	assert parse(text, today=TODAY) == data
