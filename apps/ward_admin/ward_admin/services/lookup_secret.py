"""A dossier's lookup secret: the short code printed on the receipt slip (form 01) and sent to the
citizen, which with the dossier's code opens its public lookup.

Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L), so it is read aloud and
typed from paper without mistakes: 31 letters and digits, about 2^39 values, drawn by the operating
system's cryptographic generator.
"""

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 8


def new_secret() -> str:
	return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def is_well_formed(value: str) -> bool:
	"""What a citizen types, once spaces are dropped and letters made capitals."""
	return len(value) == LENGTH and all(character in ALPHABET for character in value)


def normalise(value: str) -> str:
	return "".join(str(value or "").split()).upper()
