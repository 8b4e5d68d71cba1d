"""The dossier's lookup secret (services/lookup_secret.py)."""

from hypothesis import given
from hypothesis import strategies as st

from ward_admin.services.lookup_secret import ALPHABET, LENGTH, is_well_formed, new_secret, normalise


def test_a_new_secret_is_eight_characters_without_look_alikes():
	for _ in range(200):
		secret = new_secret()
		assert len(secret) == LENGTH and is_well_formed(secret)
		assert not set(secret) & set("0O1IL")


def test_secrets_differ():
	assert len({new_secret() for _ in range(1000)}) == 1000


@given(st.text(alphabet=ALPHABET.lower() + " ", max_size=12))
def test_what_a_citizen_types_is_read_whatever_its_case_and_spaces(typed):
	assert normalise(typed) == typed.replace(" ", "").upper()
	assert is_well_formed(normalise(typed)) == (len(typed.replace(" ", "")) == LENGTH)
