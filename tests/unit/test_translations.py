"""Every user-facing string of the app has its Vietnamese in translations/vi.csv.

User-facing strings are: DocType names, field labels, descriptions and Select options, role
names, workflow states and actions, workspace labels, number cards, charts and reports, and every literal inside _() in Python or
__() in JavaScript.
"""

import ast
import csv
import json
import re
from pathlib import Path

APP = Path(__file__).resolve().parents[2] / "apps" / "ward_admin" / "ward_admin"
VI_CSV = APP / "translations" / "vi.csv"

PY_CALL = re.compile(r"""(?<![\w.])_\(\s*(["'])((?:\\.|(?!\1).)*)\1""")
JS_CALL = re.compile(r"""__\(\s*(["'`])((?:\\.|(?!\1).)*)\1""")
SKIP_FIELDTYPES = {"Section Break", "Column Break", "Tab Break"}


def python_strings(source: str) -> set[str]:
	"""The literal first argument of every _() and frappe._() call; Python joins adjacent literals ("a" "b")."""
	found = set()
	for node in ast.walk(ast.parse(source)):
		if (
			isinstance(node, ast.Call)
			and (
				(isinstance(node.func, ast.Name) and node.func.id == "_")
				or (isinstance(node.func, ast.Attribute) and node.func.attr == "_")
			)
			and node.args
			and isinstance(node.args[0], ast.Constant)
			and isinstance(node.args[0].value, str)
		):
			found.add(node.args[0].value)
	return found


def translations() -> dict[str, str]:
	with open(VI_CSV, encoding="utf-8", newline="") as f:
		return {row[0]: row[1] for row in csv.reader(f) if row}


def user_facing_strings() -> set[str]:
	strings: set[str] = set()
	for path in APP.glob("*/doctype/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if meta.get("doctype") != "DocType":
			continue
		strings.add(meta["name"])
		if meta.get("description"):
			# the desk shows it on an empty list
			strings.add(meta["description"])
		for field in meta.get("fields", []):
			if field.get("label") and (field["fieldtype"] not in SKIP_FIELDTYPES or field.get("label")):
				strings.add(field["label"])
			if field.get("description"):
				strings.add(field["description"])
			if field["fieldtype"] == "Select" and field.get("options"):
				strings.update(o for o in field["options"].split("\n") if o)
	for path in APP.glob("*/workspace/*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		strings.add(meta["label"])
		strings.update(item["label"] for item in meta.get("links", []) if item.get("label"))
		for item in meta.get("shortcuts", []):
			# the desk translates a shortcut's count format ("{} open") before filling it in
			strings.update(item[key] for key in ("label", "format") if item.get(key))
	for path in APP.glob("*/number_card/*/*.json"):
		strings.add(json.loads(path.read_text(encoding="utf-8"))["label"])
	for path in APP.glob("*/dashboard_chart/*/*.json"):
		strings.add(json.loads(path.read_text(encoding="utf-8"))["chart_name"])
	for path in APP.rglob("*.py"):
		strings.update(python_strings(path.read_text(encoding="utf-8")))
	for path in APP.rglob("*.html"):
		# Jinja pages and templates call _() as Python does
		strings.update(m.group(2) for m in PY_CALL.finditer(path.read_text(encoding="utf-8")))
	for path in APP.rglob("*.js"):
		strings.update(m.group(2) for m in JS_CALL.finditer(path.read_text(encoding="utf-8")))
	from ward_admin.setup.custom_fields import CUSTOM_FIELDS

	for fields in CUSTOM_FIELDS.values():
		for field in fields:
			strings.update(field[key] for key in ("label", "description") if field.get(key))
	for path in APP.glob("*/report/*/*.json"):
		strings.add(json.loads(path.read_text(encoding="utf-8"))["report_name"])
	from ward_admin.services.dossier_states import DEFAULT_STATES, DEFAULT_TRANSITIONS, MEANINGS
	from ward_admin.setup.roles import STAFF_ROLES

	strings.update(STAFF_ROLES)
	strings.update(state for state, *_rest in DEFAULT_STATES)
	strings.update(action for action, *_rest in DEFAULT_TRANSITIONS)
	strings.update(MEANINGS.values())
	return strings


def test_csv_is_well_formed():
	with open(VI_CSV, encoding="utf-8", newline="") as f:
		rows = [row for row in csv.reader(f) if row]
	# a source appears once in each context (a third column names a doctype the translation is for)
	sources = [(row[0], row[2] if len(row) == 3 else "") for row in rows]
	assert all(len(row) in (2, 3) and row[1].strip() for row in rows)
	assert len(sources) == len(set(sources)), "a source string appears twice"


def test_every_user_facing_string_has_vietnamese():
	missing = sorted(user_facing_strings() - translations().keys())
	assert not missing, "add to translations/vi.csv:\n" + "\n".join(missing)


def test_placeholders_survive_translation():
	for source, target in translations().items():
		assert sorted(re.findall(r"\{\d+\}", source)) == sorted(re.findall(r"\{\d+\}", target)), source
