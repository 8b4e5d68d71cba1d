"""Emulation arithmetic (services/emulation.py): the safe formula, levels and the excellent quota."""

import math
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ward_admin.services.emulation import (
	COMPLETE,
	COMPONENTS,
	DEFAULT_FORMULA,
	EXCELLENT,
	GOOD,
	LEVELS,
	NOT_COMPLETE,
	FormulaError,
	Thresholds,
	apply_quota,
	clamp_score,
	compile_formula,
	excellent_quota,
	on_time_rate,
	rating_level,
)

# --- the formula: same value as Python's own evaluation over the allowed grammar

numbers = st.one_of(
	st.integers(0, 100).map(str),
	st.floats(-1e6, 1e6, allow_nan=False).map(lambda x: f"({x!r})"),
)
leaves = st.one_of(numbers, st.sampled_from(COMPONENTS))


def _compound(children):
	binary = st.tuples(children, st.sampled_from(["+", "-", "*", "/", "%", "and", "or"]), children)
	compare = st.tuples(children, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), children)
	return st.one_of(
		binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
		compare.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
		st.tuples(children, children, children).map(lambda t: f"({t[0]} < {t[1]} <= {t[2]})"),
		st.tuples(children, children, children).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
		children.map(lambda c: f"(-{c})"),
		children.map(lambda c: f"(not {c})"),
	)


expressions = st.recursive(leaves, _compound, max_leaves=12)
component_values = st.dictionaries(
	st.sampled_from(COMPONENTS), st.one_of(st.integers(0, 50), st.floats(-1e3, 1e3, allow_nan=False))
)


@given(expressions, component_values)
def test_evaluation_matches_python(expression, values):
	try:
		formula = compile_formula(expression)
	except FormulaError as e:
		assume(e.reason != "too_long")
		raise
	env = {name: float(values.get(name, 0)) for name in COMPONENTS}
	try:
		expected = float(eval(expression, {"__builtins__": {}}, env))
	except ZeroDivisionError:
		with pytest.raises(FormulaError) as refused:
			formula.evaluate(values)
		assert refused.value.reason == "division"
		return
	if not math.isfinite(expected):
		with pytest.raises(FormulaError) as refused:
			formula.evaluate(values)
		assert refused.value.reason == "not_finite"
		return
	assert math.isclose(formula.evaluate(values), expected, rel_tol=1e-12, abs_tol=1e-12)


@pytest.mark.parametrize(
	"expression, reason",
	[
		("__import__('os')", "not_allowed"),
		("import os", "syntax"),
		("open('x')", "not_allowed"),
		("points.real", "not_allowed"),
		("(1).__class__", "not_allowed"),
		("points[0]", "not_allowed"),
		("lambda: 1", "not_allowed"),
		("[x for x in ()]", "not_allowed"),
		("2 ** 10", "not_allowed"),
		("points // 2", "not_allowed"),
		("points << 2", "not_allowed"),
		("points & 1", "not_allowed"),
		("'a'", "not_allowed"),
		("b'a'", "not_allowed"),
		("None", "not_allowed"),
		("1j", "not_allowed"),
		("...", "not_allowed"),
		("(y := 1)", "not_allowed"),
		("(points, 1)", "not_allowed"),
		("f'{points}'", "not_allowed"),
		("points is 1", "not_allowed"),
		("points in (1, 2)", "not_allowed"),
		("unknown_name + 1", "unknown_name"),
		("1 + " * 150 + "1", "too_long"),  # 601 characters
		("+".join(["1"] * 150), "too_long"),  # 299 characters, 448 nodes
		("", "empty"),
		("   ", "empty"),
		("1 +", "syntax"),
	],
)
def test_refusals(expression, reason):
	with pytest.raises(FormulaError) as refused:
		compile_formula(expression)
	assert refused.value.reason == reason


def test_underscore_names_are_refused_even_when_listed():
	with pytest.raises(FormulaError) as refused:
		compile_formula("_points + 1", names=(*COMPONENTS, "_points"))
	assert (refused.value.reason, refused.value.detail) == ("not_allowed", "_points")


def test_names_are_limited_to_those_given():
	assert compile_formula("points * 2", names=("points",)).names_used == {"points"}
	with pytest.raises(FormulaError) as refused:
		compile_formula("late", names=("points",))
	assert (refused.value.reason, refused.value.detail) == ("unknown_name", "late")


def test_division_by_zero_and_overflow_are_refused_at_evaluation():
	for expression, reason in [("points / late", "division"), ("1 % late", "division")]:
		with pytest.raises(FormulaError) as refused:
			compile_formula(expression).evaluate({"points": 3})
		assert refused.value.reason == reason
	with pytest.raises(FormulaError) as refused:
		compile_formula("points * 1e308 * 10").evaluate({"points": 1})
	assert refused.value.reason == "not_finite"


def test_short_circuit_skips_the_division():
	assert compile_formula("late and points / late").evaluate({"points": 4}) == 0.0
	assert compile_formula("points / late if late else 7").evaluate({"points": 4}) == 7.0
	assert compile_formula("late > 0 > points / late").evaluate({}) == 0.0


@pytest.mark.parametrize(
	"values, expected",
	[
		({"resolved": 10, "on_time": 10, "on_time_rate": 100, "dossiers_handled": 10}, 90.0),
		({}, 90.0),
		({"resolved": 10, "on_time_rate": 50, "points": 5, "dossiers_handled": 10}, 65.0),
		({"points": 3}, 93.0),
		({"resolved": 4, "on_time_rate": 75, "points": -2, "dossiers_handled": 4}, 70.0),
	],
)
def test_default_formula(values, expected):
	formula = compile_formula(DEFAULT_FORMULA)
	assert formula.names_used == {"resolved", "on_time_rate", "points", "dossiers_handled"}
	assert formula.evaluate(values) == pytest.approx(expected)


# --- scores and rates


@given(st.floats(allow_nan=False))
def test_clamp_score_bounds_and_idempotence(value):
	score = clamp_score(value)
	assert 0 <= score <= 100
	assert clamp_score(score) == score
	assert score == round(score, 2)


def test_clamp_score_values():
	assert [clamp_score(v) for v in (-5, 0.125, 1.005, 89.994, 89.995, 100.004, 250)] == [
		0.0,
		0.13,
		1.01,
		89.99,
		90.0,
		100.0,
		100.0,
	]


@pytest.mark.parametrize(
	"counts, expected",
	[
		((0, 974, 26), 97.4),
		((1, 2, 0), 100.0),
		((0, 0, 0), 0.0),
		((0, 0, 3), 0.0),
		((1, 1, 1), 66.67),
		((0, 1, 2), 33.33),
	],
)
def test_on_time_rate_values(counts, expected):
	assert on_time_rate(*counts) == expected


@given(st.integers(0, 10_000), st.integers(0, 10_000), st.integers(0, 10_000))
def test_on_time_rate_bounds(early, on_time, late):
	rate = on_time_rate(early, on_time, late)
	assert 0 <= rate <= 100
	assert rate == round(rate, 2)
	if early + on_time + late:
		assert abs(
			Fraction(str(rate)) - Fraction(100 * (early + on_time), early + on_time + late)
		) <= Fraction(1, 200)


# --- levels


@pytest.mark.parametrize(
	"score, level",
	[
		(100, EXCELLENT),
		(90, EXCELLENT),
		(89.99, GOOD),
		(70, GOOD),
		(69.99, COMPLETE),
		(50, COMPLETE),
		(49.99, NOT_COMPLETE),
		(0, NOT_COMPLETE),
	],
)
def test_rating_level_boundaries(score, level):
	assert rating_level(score) == level
	assert rating_level(score, disciplined=True) == NOT_COMPLETE


thresholds = st.lists(st.integers(0, 100), min_size=3, max_size=3).map(
	lambda t: Thresholds(excellent=max(t), good=sorted(t)[1], complete=min(t))
)
scores = st.floats(0, 100)


@given(scores, scores, thresholds)
def test_rating_level_is_monotone(a, b, limits):
	limits.validate()
	low, high = sorted((a, b))
	assert LEVELS.index(rating_level(low, limits)) >= LEVELS.index(rating_level(high, limits))


def test_thresholds_validate():
	Thresholds().validate()
	for bad in (
		Thresholds(good=95),
		Thresholds(complete=80),
		Thresholds(excellent=101),
		Thresholds(excellent_quota=-1),
	):
		with pytest.raises(ValueError):
			bad.validate()


# --- the excellent quota


@pytest.mark.parametrize(
	"count, quota, expected",
	[
		(5, 20, 1),
		(4, 20, 0),
		(10, 20, 2),
		(0, 20, 0),
		(9, 20, 1),
		(15, 20.0, 3),
		(10, 0, 0),
		(7, 100, 7),
		(3, 33.4, 1),
	],
)
def test_excellent_quota_values(count, quota, expected):
	assert excellent_quota(count, quota) == expected


@given(st.integers(0, 10_000), st.one_of(st.integers(0, 100), st.sampled_from([0.1, 12.5, 20.0, 33.3, 99.9])))
def test_excellent_quota_is_the_exact_floor(count, quota):
	allowed = excellent_quota(count, quota)
	assert allowed * 100 <= count * Fraction(str(quota)) < (allowed + 1) * 100


rows = st.lists(st.sampled_from([40, 55, 75, 85, 90, 91, 92.5, 95, 95.5, 99, 100]), max_size=30).map(
	lambda s: [(i, score, rating_level(score)) for i, score in enumerate(s)]
)


@given(rows, st.integers(0, 100))
def test_apply_quota_properties(rated, quota):
	final = apply_quota(rated, quota)
	assert final.keys() == {key for key, _s, _l in rated}
	good_or_better = sum(level in (EXCELLENT, GOOD) for _k, _s, level in rated)
	assert sum(level == EXCELLENT for level in final.values()) <= excellent_quota(good_or_better, quota)
	for key, _score, level in rated:
		if level != EXCELLENT:
			assert final[key] == level  # nobody promoted, only Excellent demoted
		else:
			assert final[key] in (EXCELLENT, GOOD)
	candidates = [(key, score) for key, score, level in rated if level == EXCELLENT]
	for key, score in candidates:
		for other, other_score in candidates:
			if other_score == score:
				assert final[key] == final[other]  # ties never split
			if final[key] == EXCELLENT and other_score > score:
				assert final[other] == EXCELLENT  # the highest are the ones kept


def test_apply_quota_tie_at_the_boundary_is_demoted():
	scores = [98, 95, 95, 91, 80, 80, 75, 72, 71, 70, 60]  # 10 good or better: 2 excellent places
	final = apply_quota([(i, s, rating_level(s)) for i, s in enumerate(scores)], 20)
	assert [final[i] for i in range(4)] == [EXCELLENT, GOOD, GOOD, GOOD]  # 91 would fit, but is lower
	assert final[10] == COMPLETE


def test_apply_quota_keeps_a_tie_that_fits():
	scores = [95, 95, 92, 80, 80, 75, 72, 71, 70, 70]
	final = apply_quota([(f"p{i}", s, rating_level(s)) for i, s in enumerate(scores)], 20)
	assert [final["p0"], final["p1"], final["p2"]] == [EXCELLENT, EXCELLENT, GOOD]


def test_apply_quota_tie_at_the_top_over_the_cap_leaves_nobody_excellent():
	scores = [96, 96, 96, 93, 80, 80, 75, 72, 71, 70]
	final = apply_quota([(i, s, rating_level(s)) for i, s in enumerate(scores)], 20)
	assert EXCELLENT not in final.values()
	assert apply_quota([], 20) == {}
