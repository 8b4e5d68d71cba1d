"""The outbox's pure rules (ward_admin.services.outbox): retry delays, national dates and
acknowledgements, errors without secrets, Vietnamese phone numbers."""

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ward_admin.services import outbox as rules


def test_retry_delays_double_up_to_the_cap():
	assert [rules.retry_delay(n, 60, 3600) for n in range(1, 9)] == [60, 120, 240, 480, 960, 1920, 3600, 3600]
	assert rules.retry_delay(0, 60, 3600) == 0
	assert rules.retry_delay(5, 0, 3600) == 0


@given(st.integers(1, 10_000), st.integers(1, 10_000), st.integers(1, 100_000))
def test_a_delay_never_shrinks_and_never_passes_the_cap(attempts, first, cap):
	delay = rules.retry_delay(attempts, first, cap)
	assert delay <= max(cap, first) and delay >= min(first, cap)
	assert rules.retry_delay(attempts + 1, first, cap) >= delay


def test_national_dates_are_read_in_the_sites_zone_and_written_in_vietnams():
	assert rules.national_date(datetime(2026, 3, 2, 10, 5, 9), "Asia/Ho_Chi_Minh") == "20260302100509"
	assert rules.national_date(datetime(2026, 3, 2, 3, 5, 9), "UTC") == "20260302100509"
	assert rules.national_date(None, "Asia/Ho_Chi_Minh") == ""


@pytest.mark.parametrize(
	"status, body, delivered",
	[
		(200, {"error_code": "0"}, True),
		(201, {"error_code": "00"}, True),
		(200, {"error_code": 0}, True),
		(200, {"error_code": "99"}, False),
		(200, {}, False),
		(200, "OK", False),
		(500, {"error_code": "0"}, False),
		(302, {"error_code": "0"}, False),
	],
)
def test_only_an_acknowledged_answer_counts_as_delivered(status, body, delivered):
	assert rules.is_acknowledged(status, body) is delivered


def test_an_error_keeps_no_secret():
	error = "401 for http://sync:hunter22@portal.example/DongBoHoSoMC with password hunter22"
	redacted = rules.redact(error, ["hunter22", ""])
	assert "hunter22" not in redacted and "sync:" not in redacted
	assert "http://***@portal.example" in redacted
	assert len(rules.redact("x" * 5000)) == rules.MAX_ERROR_LENGTH
	gateway = "Max retries exceeded with url: http://sms.example/send?api_key=K1&to=0912345678&text=Ho+so (Caused by"
	assert rules.redact(gateway) == "Max retries exceeded with url: http://sms.example/send?*** (Caused by"
	assert rules.redact("550 unknown user an@example.com", ["an@example.com"]) == "550 unknown user ***"


@pytest.mark.parametrize(
	"typed, normal",
	[
		("0912345678", "0912345678"),
		("091 234 5678", "0912345678"),
		("0912.345.678", "0912345678"),
		("+84912345678", "0912345678"),
		("84912345678", "0912345678"),
		("01662345678", "0362345678"),  # Viettel 0166 -> 036
		("01212345678", "0792345678"),  # MobiFone 0121 -> 079
		("01232345678", "0832345678"),  # VinaPhone 0123 -> 083
		("+1 650 555 0100", None),
		("0212345678", None),  # a landline prefix, not a mobile
		("12345", None),
		("", None),
		(None, None),
	],
)
def test_phone_numbers_take_the_ten_digit_form(typed, normal):
	assert rules.normalize_phone(typed) == normal
