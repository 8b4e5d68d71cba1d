"""Emulation arithmetic (docs/rules.md, "Emulation"; Decree 335/2025): the safe score formula, rating levels and the
excellent quota.

Pure Python (stdlib only, no Frappe import).

- A score formula is an arithmetic expression over the period's components (:data:`COMPONENTS`),
  written by the Emulation Officer. :func:`compile_formula` holds it to the `score_formula`
  grammar of :mod:`ward_admin.services.expressions` (numbers, component names, ``+ - * / %``,
  unary ``+ - not``, comparisons, ``and``/``or``, ``x if c else y``); :meth:`Formula.evaluate`
  walks that tree itself. User text never reaches ``eval``, ``exec`` or ``compile``.
- A score is clamped into 0-100 with two decimals; its level follows the thresholds (>= 90
  Excellent, 70-89 Good, 50-69 Complete, below 50 Not Complete); a disciplined person is Not
  Complete whatever the score.
- At most ``excellent_quota`` percent (20 %) of those rated Good or better may be Excellent
  (:func:`apply_quota`).
"""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from itertools import groupby

from ward_admin.services.expressions import ExpressionError, check, score_formula

__all__ = [
	"COMPLETE",
	"COMPONENTS",
	"DEFAULT_FORMULA",
	"DEFAULT_THRESHOLDS",
	"EXCELLENT",
	"GOOD",
	"LEVELS",
	"NOT_COMPLETE",
	"Formula",
	"FormulaError",
	"Thresholds",
	"apply_quota",
	"clamp_score",
	"compile_formula",
	"excellent_quota",
	"on_time_rate",
	"rating_level",
]

EXCELLENT = "Excellent"
GOOD = "Good"
COMPLETE = "Complete"
NOT_COMPLETE = "Not Complete"
LEVELS = (EXCELLENT, GOOD, COMPLETE, NOT_COMPLETE)

COMPONENTS = (
	"points",
	"dossiers_received",
	"dossiers_handled",
	"resolved",
	"early",
	"on_time",
	"late",
	"on_time_rate",
	"steps_late",
	"supplements_requested",
	"apologies",
	"avg_rating",
	"ratings_count",
)

DEFAULT_FORMULA = (
	"30 + (0.6 * on_time_rate if resolved else 60)"
	" + (10 * points / dossiers_handled if dossiers_handled else points)"
)

_BINARY = {
	ast.Add: operator.add,
	ast.Sub: operator.sub,
	ast.Mult: operator.mul,
	ast.Div: operator.truediv,
	ast.Mod: operator.mod,
}
_UNARY = {ast.UAdd: operator.pos, ast.USub: operator.neg, ast.Not: operator.not_}
_COMPARE = {
	ast.Lt: operator.lt,
	ast.LtE: operator.le,
	ast.Gt: operator.gt,
	ast.GtE: operator.ge,
	ast.Eq: operator.eq,
	ast.NotEq: operator.ne,
}


class FormulaError(ExpressionError):
	"""A refused or failing score formula; ``reason`` is a short code, ``detail`` the culprit."""


class Formula:
	"""A checked score formula; build it with :func:`compile_formula`."""

	__slots__ = ("_tree", "expression", "names_used")

	def __init__(self, expression: str, tree: ast.Expression):
		self.expression = expression
		self._tree = tree
		self.names_used = frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))

	def __repr__(self) -> str:
		return f"Formula({self.expression!r})"

	def evaluate(self, values: Mapping[str, float]) -> float:
		"""The formula's value; a missing (or None) component counts as 0."""
		env = {name: float(values.get(name) or 0) for name in self.names_used}
		try:
			result = float(_evaluate(self._tree.body, env))
		except OverflowError:
			raise FormulaError("not_finite", self.expression)
		if not math.isfinite(result):
			raise FormulaError("not_finite", self.expression)
		return result


def _evaluate(node: ast.expr, env: dict[str, float]):
	kind = type(node)
	if kind is ast.Constant:
		return node.value
	if kind is ast.Name:
		return env[node.id]
	if kind is ast.BinOp:
		left, right = _evaluate(node.left, env), _evaluate(node.right, env)
		try:
			return _BINARY[type(node.op)](left, right)
		except ZeroDivisionError:
			raise FormulaError("division", ast.unparse(node))
	if kind is ast.UnaryOp:
		return _UNARY[type(node.op)](_evaluate(node.operand, env))
	if kind is ast.BoolOp:
		stop_on_true = type(node.op) is ast.Or
		for value_node in node.values:
			value = _evaluate(value_node, env)
			if bool(value) is stop_on_true:
				return value
		return value
	if kind is ast.Compare:
		left = _evaluate(node.left, env)
		for op, comparator in zip(node.ops, node.comparators, strict=True):
			right = _evaluate(comparator, env)
			if not _COMPARE[type(op)](left, right):
				return False
			left = right
		return True
	if kind is ast.IfExp:
		return _evaluate(node.body if _evaluate(node.test, env) else node.orelse, env)
	raise FormulaError("not_allowed", kind.__name__)  # unreachable after compile_formula's check


def compile_formula(expression: str, names: Iterable[str] = COMPONENTS) -> Formula:
	"""Parse and check a score formula (the `score_formula` grammar of
	:mod:`ward_admin.services.expressions`); raises :class:`FormulaError` for anything outside it."""
	tree = check(expression, score_formula(names), error=FormulaError)
	return Formula(expression, tree)


def clamp_score(value: float) -> float:
	"""The score rounded to two decimals (half away from zero) and clamped into [0, 100]."""
	value = float(value)
	if math.isnan(value):
		raise ValueError("a score cannot be NaN")
	clamped = Decimal(repr(min(max(value, 0.0), 100.0)))
	return float(clamped.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def on_time_rate(early: int, on_time: int, late: int) -> float:
	"""Percent of resolved dossiers resolved early or on time, two decimals; 0.0 when none."""
	if min(early, on_time, late) < 0:
		raise ValueError("dossier counts cannot be negative")
	total = early + on_time + late
	if not total:
		return 0.0
	hundredths, remainder = divmod(10_000 * (early + on_time), total)  # exact, then half up
	return (hundredths + (2 * remainder >= total)) / 100


@dataclass(frozen=True)
class Thresholds:
	"""Lowest scores of each level, and the excellent quota in percent of those Good or better."""

	excellent: float = 90
	good: float = 70
	complete: float = 50
	excellent_quota: float = 20

	def validate(self) -> None:
		if not 0 <= self.complete <= self.good <= self.excellent <= 100:
			raise ValueError("thresholds must satisfy 0 <= complete <= good <= excellent <= 100")
		if not 0 <= self.excellent_quota <= 100:
			raise ValueError("the excellent quota is a percentage between 0 and 100")


DEFAULT_THRESHOLDS = Thresholds()


def rating_level(score: float, thresholds: Thresholds = DEFAULT_THRESHOLDS, disciplined: bool = False) -> str:
	"""The level of a score; a disciplined person is Not Complete whatever the score."""
	if disciplined:
		return NOT_COMPLETE
	if score >= thresholds.excellent:
		return EXCELLENT
	if score >= thresholds.good:
		return GOOD
	if score >= thresholds.complete:
		return COMPLETE
	return NOT_COMPLETE


def excellent_quota(good_or_better: int, quota_percent: float) -> int:
	"""How many may be Excellent: floor(good_or_better x quota_percent / 100), computed exactly."""
	quota = Fraction(str(quota_percent))
	if good_or_better < 0 or not 0 <= quota <= 100:
		raise ValueError("the count cannot be negative and the quota is a percentage between 0 and 100")
	return math.floor(good_or_better * quota / 100)


def apply_quota(rated: Iterable[tuple[Hashable, float, str]], quota_percent: float) -> dict[Hashable, str]:
	"""Final levels after the excellent quota, for ``(key, score, level)`` rows rated by
	:func:`rating_level`.

	The Decree caps excellent at 20% of those rated good or better (``quota_percent`` here). The
	Excellent candidates are admitted from the highest score down, one group of equal scores at a
	time. A tie at the boundary is never broken arbitrarily: the tied group is demoted, so a group
	that does not fit whole in the remaining places, and every candidate below it, become Good.
	Nobody else changes level. Scores should already be clamped (:func:`clamp_score`) so that ties
	are exact.
	"""
	rated = list(rated)
	final = {key: level for key, _score, level in rated}
	cap = excellent_quota(sum(level in (EXCELLENT, GOOD) for _k, _s, level in rated), quota_percent)
	candidates = sorted(((score, key) for key, score, level in rated if level == EXCELLENT), key=_score_of)
	remaining, admitting = cap, True
	for _score, group in groupby(candidates, key=_score_of):
		keys = [key for _s, key in group]
		admitting = admitting and len(keys) <= remaining
		if admitting:
			remaining -= len(keys)
		else:
			final.update(dict.fromkeys(keys, GOOD))
	return final


def _score_of(candidate: tuple[float, Hashable]) -> float:
	return -candidate[0]
