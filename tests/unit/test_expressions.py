"""The one expression checker (services/expressions.py), for each of its three uses.

Two properties per use, over expressions hypothesis builds: whatever is accepted holds only what
the use allows (no call, lambda, comprehension or private name anywhere; names, fields and
operators of the use only), and every expression built from the use's own constructs is
accepted. The score formula's evaluation is checked against Python's in test_emulation_rules.py.
"""

import ast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ward_admin.services.emulation import COMPONENTS
from ward_admin.services.expressions import (
	RULE_CONDITION,
	ExpressionError,
	Grammar,
	check,
	notification_condition,
	score_formula,
)

READABLE = ("channel", "status_code", "applicant_name", "fee_amount")
FORMULA = score_formula(COMPONENTS)
NOTIFICATION = notification_condition(READABLE)
USES = {"score formula": FORMULA, "rule condition": RULE_CONDITION, "notification condition": NOTIFICATION}

# ---------------------------------------------------------------- expressions of any kind

NAMES = ("doc", "points", "late", "frappe", "x", "_points", "__import__")
FIELDS = (*READABLE, "applicant_id_number", "_assign", "__class__", "save")
numbers = st.one_of(st.integers(-5, 100).map(str), st.floats(-1e3, 1e3, allow_nan=False).map(repr))
texts = st.sampled_from(["'Online'", '"Direct"', "None", "True", "b'x'", "1j", "..."])
atoms = st.one_of(
	numbers,
	texts,
	st.sampled_from(NAMES),
	st.builds("{}.{}".format, st.sampled_from(NAMES), st.sampled_from(FIELDS)),
	st.builds("{}[{}]".format, st.sampled_from(NAMES), st.sampled_from([repr(f) for f in FIELDS] + ["0"])),
)


def _anything(children):
	two = st.tuples(children, children)
	return st.one_of(
		st.builds("({} {} {})".format, children, st.sampled_from("+ - * / % ** // << &".split()), children),
		st.builds(
			"({} {} {})".format,
			children,
			st.sampled_from(["==", "!=", "<", ">=", "in", "not in", "is", "is not", "and", "or"]),
			children,
		),
		children.map("(not {})".format),
		children.map("(-{})".format),
		st.builds("({} if {} else {})".format, children, children, children),
		two.map(lambda t: f"({t[0]}, {t[1]})"),
		two.map(lambda t: f"[{t[0]}, {t[1]}]"),
		children.map("{}()".format),
		children.map("doc.get({})".format),
		children.map("(lambda: {})".format),
		children.map("[v for v in {}]".format),
		children.map("(y := {})".format),
	)


anything = st.recursive(atoms, _anything, max_leaves=10)


def holds_only_what_is_allowed(tree: ast.Expression, grammar: Grammar) -> None:
	for node in ast.walk(tree):
		assert not isinstance(node, ast.Call | ast.Lambda | ast.comprehension | ast.NamedExpr | ast.JoinedStr)
		assert type(node) in grammar.allowed
		if isinstance(node, ast.Name):
			assert node.id in grammar.names and not node.id.startswith("_")
		if isinstance(node, ast.Attribute | ast.Subscript):
			assert isinstance(node.value, ast.Name) and node.value.id == grammar.record
			name = node.attr if isinstance(node, ast.Attribute) else node.slice.value
			assert isinstance(name, str) and not name.startswith("_")
			assert grammar.fields is None or name in grammar.fields
		if isinstance(node, ast.Constant):
			assert type(node.value) in grammar.constants


@pytest.mark.parametrize("use", USES)
@settings(max_examples=300)
@given(expression=anything)
def test_what_is_accepted_holds_only_what_the_use_allows(use, expression):
	grammar = USES[use]
	try:
		tree = check(expression, grammar)
	except ExpressionError as e:
		assert e.reason in ("not_allowed", "unknown_name", "unknown_field", "too_long", "syntax")
		return
	holds_only_what_is_allowed(tree, grammar)


# ---------------------------------------------------------------- expressions of each use


def _within(leaves, arithmetic: bool, conditional: bool, membership: bool):
	def compound(children):
		options = [
			st.builds(
				"({} {} {})".format, children, st.sampled_from(["==", "!=", "<", "<=", ">", ">="]), children
			),
			st.builds("({} {} {})".format, children, st.sampled_from(["and", "or"]), children),
			children.map("(not {})".format),
		]
		if arithmetic:
			options.append(
				st.builds("({} {} {})".format, children, st.sampled_from("+ - * / %".split()), children)
			)
			options.append(children.map("(-{})".format))
		if conditional:
			options.append(st.builds("({} if {} else {})".format, children, children, children))
		if membership:
			options.append(st.builds("({} in [{}, {}])".format, children, children, children))
			options.append(st.builds("({} is not {})".format, children, st.just("None")))
		return st.one_of(*options)

	return st.recursive(leaves, compound, max_leaves=8)


formulas = _within(st.one_of(numbers, st.sampled_from(COMPONENTS)), True, True, False)
rule_fields = st.sampled_from(["channel", "status_code", "supplements", "rating"])
rule_conditions = _within(
	st.one_of(
		numbers,
		st.sampled_from(["'Online'", "None", "True"]),
		rule_fields.map("doc.{}".format),
		rule_fields.map('doc["{}"]'.format),
	),
	True,
	True,
	True,
)
notification_conditions = _within(
	st.one_of(
		st.integers(0, 10).map(str),
		st.sampled_from(["'Online'", "None"]),
		st.sampled_from(READABLE).map("doc.{}".format),
	),
	False,
	False,
	True,
)


@given(formulas)
def test_every_score_formula_of_components_is_accepted(expression):
	holds_only_what_is_allowed(check(expression, FORMULA), FORMULA)


@given(rule_conditions)
def test_every_rule_condition_on_fields_of_the_dossier_is_accepted(expression):
	holds_only_what_is_allowed(check(expression, RULE_CONDITION), RULE_CONDITION)


@given(notification_conditions)
def test_every_comparison_of_readable_fields_is_accepted(expression):
	holds_only_what_is_allowed(check(expression, NOTIFICATION), NOTIFICATION)


# ---------------------------------------------------------------- where the uses differ


@pytest.mark.parametrize(
	"expression, formula, rule, notification",
	[
		("points + 1", None, "unknown_name", "not_allowed"),
		("points", None, "unknown_name", "unknown_name"),
		("doc.channel == 'Online'", "not_allowed", None, None),
		('doc["channel"] == 1', "not_allowed", None, "not_allowed"),
		("doc.fee_amount * 2 > 10", "not_allowed", None, "not_allowed"),
		("doc.channel if doc.status_code else 1", "not_allowed", None, "not_allowed"),
		("doc.channel in ['Online', 'Direct']", "not_allowed", None, None),
		("doc.applicant_id_number == 'x'", "not_allowed", None, "unknown_field"),
		("doc._assign", "not_allowed", "not_allowed", "not_allowed"),
		("doc.save()", "not_allowed", "not_allowed", "not_allowed"),
		("frappe.db", "not_allowed", "not_allowed", "not_allowed"),
		("x.channel", "not_allowed", "not_allowed", "not_allowed"),
		("1 +", "syntax", "syntax", "syntax"),
		("", "empty", "empty", "empty"),
		("1 + " * 150 + "1", "too_long", "too_long", "not_allowed"),
		("doc.channel == 1 or " * 30 + "True", "too_long", "too_long", None),
	],
)
def test_each_use_refuses_what_it_does_not_allow(expression, formula, rule, notification):
	for grammar, reason in ((FORMULA, formula), (RULE_CONDITION, rule), (NOTIFICATION, notification)):
		if reason is None:
			check(expression, grammar)
			continue
		with pytest.raises(ExpressionError) as refused:
			check(expression, grammar)
		assert refused.value.reason == reason, (expression, grammar, refused.value)
