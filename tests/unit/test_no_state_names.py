"""No behaviour of the app is keyed on the name of a workflow state (docs/contract.md, "Dossier").

An admin renames and adds states in the desk; the app acts on their national status codes. The
names of the shipped states appear only in the shipped default data (services/dossier_states.py,
setup/data/) and in the patches that convert the first releases' data.
"""

import ast
import io
import re
import tokenize
from pathlib import Path

from ward_admin.services.dossier_states import DEFAULT_STATES

APP = Path(__file__).resolve().parents[2] / "apps" / "ward_admin" / "ward_admin"
DEFAULT_DATA = (APP / "services" / "dossier_states.py", APP / "setup" / "data", APP / "patches")
NAMES = sorted({state for state, *_rest in DEFAULT_STATES}, key=len, reverse=True)
ALTERNATIVES = "|".join(re.escape(name) for name in NAMES)
LITERAL = re.compile(r"""(["'`])(""" + ALTERNATIVES + r""")\1""")


def sources():
	for path in sorted([*APP.rglob("*.py"), *APP.rglob("*.js")]):
		if "public/dist" in str(path) or any(path == d or d in path.parents for d in DEFAULT_DATA):
			continue
		yield path


def named_states(path: Path) -> list[tuple[int, str]]:
	"""(line, text) of each string literal that is exactly a shipped state's name."""
	text = path.read_text(encoding="utf-8")
	if path.suffix == ".py":
		found = []
		for token in tokenize.generate_tokens(io.StringIO(text).readline):
			if token.type == tokenize.STRING:
				try:
					value = ast.literal_eval(token.string)
				except ValueError:  # an f-string
					continue
				if value in NAMES:
					found.append((token.start[0], token.line.strip()))
		return found
	return [
		(number, line.strip())
		for number, line in enumerate(text.splitlines(), 1)
		if LITERAL.search(line) and not line.lstrip().startswith(("//", "*", "/*"))
	]


def test_no_state_is_named_in_code():
	found = [
		f"{path.relative_to(APP)}:{number}: {line}"
		for path in sources()
		for number, line in named_states(path)
	]
	assert not found, "compare national status codes, not state names:\n" + "\n".join(found)


def test_the_check_finds_a_state_name(tmp_path):
	code = tmp_path / "code.py"
	code.write_text('"""About "Processing"."""\nif doc.status == "Processing":  # "Resolved"\n\tpass\n')
	assert named_states(code) == [(2, 'if doc.status == "Processing":  # "Resolved"')]
	script = tmp_path / "form.js"
	script.write_text('// "Received"\nif (["Awaiting Signature"].includes(doc.status)) {}\n')
	assert [number for number, _line in named_states(script)] == [2]
