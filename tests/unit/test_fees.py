"""Fee arithmetic (services/fees.py): table tests from the legal fee schedules, and properties."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ward_admin.services.fees import FeeError, FeeRule, compute_fee

# Circular 226/2016 Art 4: certified copies, 2,000 VND/page for pages 1-2, 1,000 from page 3,
# at most 200,000 VND per copy
CERTIFIED_COPY = [
	FeeRule("Per Page", amount=2000, first_units=2, cap=200_000),
	FeeRule("Per Page", amount=1000, first_units=0, cap=200_000),
]


@pytest.mark.parametrize(
	"pages, copies, expected",
	[
		(1, 1, 2_000),
		(2, 1, 4_000),
		(3, 1, 5_000),
		(10, 1, 12_000),
		(10, 3, 36_000),
		(198, 1, 200_000),  # 4,000 + 196,000 reaches the cap exactly
		(500, 1, 200_000),
		(500, 2, 400_000),  # the cap is per copy
	],
)
def test_certified_copy_fee(pages, copies, expected):
	assert compute_fee(CERTIFIED_COPY, pages=pages, copies=copies) == expected


def test_signature_certification_is_flat_per_case():
	assert compute_fee([FeeRule("Flat", amount=10_000)], pages=5, copies=3) == 10_000


def test_per_copy_and_flat_add_up():
	rules = [FeeRule("Flat", amount=5_000), FeeRule("Per Copy", amount=8_000)]
	assert compute_fee(rules, copies=3) == 29_000


def test_exempt_case_pays_nothing():
	assert compute_fee([FeeRule("Flat", amount=10_000), FeeRule("Exempt")], exempt=True) == 0


def test_rules_from_desk_rows():
	rows = [{"rule_type": "Per Copy", "amount": 8000.0, "first_units": None, "cap": None}]
	assert compute_fee(rows, copies=2) == 16_000


@pytest.mark.parametrize(
	"rules, pages, copies",
	[
		([{"rule_type": "Flat", "amount": -1}], 1, 1),
		([{"rule_type": "Bribe", "amount": 1}], 1, 1),
		([], 0, 1),
		([], 1, 0),
	],
)
def test_bad_input_is_refused(rules, pages, copies):
	with pytest.raises(FeeError):
		compute_fee(rules, pages=pages, copies=copies)


@settings(max_examples=300, deadline=None)
@given(pages=st.integers(1, 2000), copies=st.integers(1, 50))
def test_certified_copy_properties(pages, copies):
	fee = compute_fee(CERTIFIED_COPY, pages=pages, copies=copies)
	assert fee == copies * compute_fee(CERTIFIED_COPY, pages=pages)
	assert 2_000 * copies <= fee <= 200_000 * copies
	assert fee <= compute_fee(CERTIFIED_COPY, pages=pages + 1, copies=copies)
