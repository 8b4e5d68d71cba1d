"""What the browser sweep looks for on a screen a ward's staff read in Vietnamese: English words and
numbers written the way another language writes them. Pure text rules, tested in
tests/unit/test_screen_rules.py; the sweep is tests/browser/test_screen_sweep.py.

English. A Vietnamese word has one syllable; written without tone marks (as "cho", "trong", "in",
"giao" are) it still follows the Vietnamese syllable: an optional initial consonant, one to three
vowels, an optional final c/ch/m/n/ng/nh/p/t. English words almost never do ("Choose", "color",
"Days", "Override", "Robin"), so a word of unaccented letters that is no Vietnamese syllable is
English, and so are the few short English words that happen to be one ("by", "the", "get",
"set"). What stays allowed is written here:

- words with two capitals or more: abbreviations (CCCD, STT, UBND, BTC, the TTg of "QĐ-TTg", …)
  and headings of printed forms, which write Vietnamese words in capitals without their marks;
- a short list of words Vietnamese administrative writing takes as they are, and key names
  (ALLOWED_WORDS);
- e-mail addresses, addresses of pages, and codes: words with digits and the names they are part of
  (EBL01, 26TAB, BL-2026-0000012, TD-2026-00001);
- the placeholders of a message template, written in braces as the admin types them
  ({applicant_name}, {appointment_at}): names of fields, like the names of keys.

Numbers. The site writes numbers the Vietnamese way ("1.234,5"; "18,18%"): a decimal point
followed by one or two digits ("0.41", "500.00"), seconds with a decimal point ("0.035 giây"), and
a percentage with three decimals ("100,000%") are numbers formatted for another language.
"""

import re

VI_SYLLABLE = re.compile(
	r"^(ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$"
)
# English words that are also well-formed Vietnamese syllables but are not Vietnamese words
ENGLISH_SYLLABLES = frozenset({"by", "the", "get", "set", "not", "me", "no", "to", "on", "at", "it", "up"})
# words Vietnamese administrative writing uses as they are, and the names of keys; "Administrator"
# is the name of the site operator's account, which made the shared configuration
ALLOWED_WORDS = frozenset({"Email", "email", "Excel", "Administrator", "Ctrl", "Shift", "Alt", "Enter"})

_PLACEHOLDERS = re.compile(r"\{\w+\}")
_ADDRESSES = re.compile(r"\S+@\S+|https?://\S+|(?<!\w)/[\w\-./?=&%]+")
_CODES = re.compile(r"[\w.]*\d[\w.]*(?:-[\w.]+)+|[\w.]+(?:-[\w.]+)*-[\w.]*\d[\w.]*")
_TOKENS = re.compile(r"[^\W_]+", re.UNICODE)
_ASCII_LETTERS = re.compile(r"^[A-Za-z]+$")


def english_words(text: str) -> list[str]:
	"""The words of `text` that are English, in order of appearance, each once."""
	found: dict[str, None] = {}
	text = _PLACEHOLDERS.sub(" ", text)
	for token in _TOKENS.findall(_CODES.sub(" ", _ADDRESSES.sub(" ", text))):
		if len(token) < 2 or not _ASCII_LETTERS.match(token) or token in ALLOWED_WORDS:
			continue
		if sum(letter.isupper() for letter in token) >= 2:  # UBND, CCCD, TTg (Thủ tướng), a heading
			continue
		word = token.lower()
		if word in ENGLISH_SYLLABLES or not VI_SYLLABLE.match(word):
			found[token] = None
	return list(found)


_FOREIGN_NUMBERS = re.compile(
	r"(?<![\d.,])\d+\.\d{1,2}(?![\d.,])"  # 0.41, 16.67, 500.00
	r"|(?<![\d.,])\d+\.\d+(?=\s*(?:giây|%))"  # 0.035571 giây, 18.18%
	r"|(?<![\d.,])\d+(?:\.\d{3})*,\d{3,}%"  # 100,000%
)


def foreign_numbers(text: str) -> list[str]:
	"""The numbers of `text` written in another language's format."""
	return list(dict.fromkeys(match.group(0) for match in _FOREIGN_NUMBERS.finditer(text)))


def check_portal_page(page, where: str, errors: list, problems: list) -> None:
	"""A citizen's page on a phone: the portal's content and the site's footer in Vietnamese (the
	suite's own records are named "_Test …"), numbers in the site's format, nothing wider than the
	screen, and no page error since the last check (`errors`, which it empties)."""
	import re

	text = page.inner_text(".wa-portal") + "\n" + page.inner_text("footer")
	if found := english_words(re.sub(r"_Test\b", " ", text)):
		problems.append(f"{where}: English {found}")
	if found := foreign_numbers(text):
		problems.append(f"{where}: numbers {found}")
	if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
		problems.append(f"{where}: wider than the phone's screen")
	problems.extend(f"{where}: {error}" for error in errors)
	errors.clear()
