"""The one checker of the small expression languages admins write, with the options of each use.

Pure Python (stdlib only, no Frappe import). An expression is parsed with :mod:`ast` and every
node of it is held to the `Grammar` of its use; what is not allowed is refused with an
`ExpressionError` naming why (`reason`) and what (`detail`), the first in breadth-first order (a
refused construct before its parts). Text is never given to ``eval``, ``exec`` or ``compile``
here; each use evaluates the checked expression its own way.

The uses, side by side:

- `score_formula` — an Emulation Period's score formula: arithmetic (``+ - * / %``),
  comparisons, ``and``/``or``/``not`` and ``a if c else b`` over the period's component names
  and numbers; no fields, no text. `ward_admin.services.emulation` evaluates it itself.
- `RULE_CONDITION` — an Emulation Rule's condition, run inside every dossier save: the same
  plus fields of ``doc`` (``doc.channel``, ``doc["channel"]``), text and ``None`` constants,
  ``in``/``is`` and lists. It is then evaluated by Frappe's ``safe_eval``, which still lets an
  expression call the methods of what it is given: the grammar allows no call.
- `notification_condition(fields)` — a Notification's condition, written by a Ward Admin:
  comparisons of the fields of ``doc`` that admin may read with constants; no arithmetic,
  no ``a if c else b``, no subscripts.

Reasons: ``empty``, ``too_long``, ``syntax``, ``not_allowed`` (a construct, a private name or a
constant of a refused type), ``unknown_name`` (a bare name the use does not give),
``unknown_field`` (a field of the record the use does not allow).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
	"RULE_CONDITION",
	"ExpressionError",
	"Grammar",
	"check",
	"notification_condition",
	"score_formula",
]

_LOGIC = frozenset(
	{ast.Expression, ast.Load, ast.Constant, ast.Name, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not}
)
_COMPARISONS = frozenset({ast.Compare, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE})
_ARITHMETIC = frozenset({ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Mod, ast.UAdd, ast.USub})
_MEMBERSHIP = frozenset({ast.In, ast.NotIn, ast.Is, ast.IsNot, ast.Tuple, ast.List})
NUMBERS = (int, float, bool)
SCALARS = (str, int, float, bool, type(None))


class ExpressionError(ValueError):
	"""An expression outside its grammar; `reason` is a short code, `detail` the construct."""

	def __init__(self, reason: str, detail: str = ""):
		super().__init__(f"{reason}: {detail}" if detail else reason)
		self.reason = reason
		self.detail = detail


@dataclass(frozen=True)
class Grammar:
	"""What one use allows.

	`names`: the bare names an expression may use. `record`: the one name whose fields may be
	read (``doc.field``; ``doc["field"]`` too with `subscripts`), limited to `fields` when given
	(never a private one). `arithmetic`: ``+ - * / %`` and unary ``+ -``. `conditional`:
	``a if c else b``. `membership`: ``in``, ``is`` and their negations, tuples and lists.
	`constants`: the types of the literal values allowed. `max_length` (characters) and
	`max_nodes` bound the text and its tree.
	"""

	names: frozenset[str]
	record: str | None = None
	fields: frozenset[str] | None = None
	subscripts: bool = False
	arithmetic: bool = False
	conditional: bool = False
	membership: bool = False
	constants: tuple[type, ...] = NUMBERS
	max_length: int | None = None
	max_nodes: int | None = None
	allowed: frozenset[type] = field(init=False, repr=False, compare=False)

	def __post_init__(self):
		allowed = set(_LOGIC | _COMPARISONS)
		if self.arithmetic:
			allowed |= _ARITHMETIC
		if self.conditional:
			allowed.add(ast.IfExp)
		if self.membership:
			allowed |= _MEMBERSHIP
		if self.record:
			allowed.add(ast.Attribute)
			if self.subscripts:
				allowed.add(ast.Subscript)
		object.__setattr__(self, "allowed", frozenset(allowed))


def check(text: str, grammar: Grammar, error: type[ExpressionError] = ExpressionError) -> ast.Expression:
	"""The parsed expression, when every part of it is in `grammar`; else `error(reason, detail)`."""
	text = (text or "").strip()
	if not text:
		raise error("empty")
	if grammar.max_length and len(text) > grammar.max_length:
		raise error("too_long", f"{len(text)} characters")
	try:
		tree = ast.parse(text, mode="eval")
	except (SyntaxError, ValueError, MemoryError, RecursionError) as e:
		raise error("syntax", getattr(e, "msg", None) or str(e)) from None
	nodes = list(ast.walk(tree))
	if grammar.max_nodes and len(nodes) > grammar.max_nodes:
		raise error("too_long", f"{len(nodes)} nodes")
	for node in nodes:  # breadth first: a refused construct is reported before its parts
		kind = type(node)
		if kind not in grammar.allowed:
			raise error("not_allowed", kind.__name__)
		if kind is ast.Constant:
			if type(node.value) not in grammar.constants:
				raise error("not_allowed", type(node.value).__name__)
		elif kind is ast.Name:
			if node.id.startswith("_") or type(node.ctx) is not ast.Load:
				raise error("not_allowed", node.id)
			if node.id not in grammar.names:
				raise error("unknown_name", node.id)
		elif kind is ast.Attribute:
			_check_field(node.value, node.attr, grammar, error, "Attribute")
		elif kind is ast.Subscript:
			key = node.slice
			if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
				raise error("not_allowed", "Subscript")
			_check_field(node.value, key.value, grammar, error, "Subscript")
	return tree


def _check_field(owner: ast.AST, name: str, grammar: Grammar, error, construct: str) -> None:
	"""A field of the record, never a method of something else or a private attribute."""
	if not isinstance(owner, ast.Name) or owner.id != grammar.record or name.startswith("_"):
		raise error("not_allowed", construct)
	if grammar.fields is not None and name not in grammar.fields:
		raise error("unknown_field", name)


def score_formula(names: Iterable[str]) -> Grammar:
	"""An Emulation Period's score formula over the given component names."""
	return Grammar(
		names=frozenset(names),
		arithmetic=True,
		conditional=True,
		constants=NUMBERS,
		max_length=500,
		max_nodes=200,
	)


RULE_CONDITION = Grammar(
	names=frozenset({"doc"}),
	record="doc",
	subscripts=True,
	arithmetic=True,
	conditional=True,
	membership=True,
	constants=SCALARS,
	max_length=500,
)


def notification_condition(fields: Iterable[str]) -> Grammar:
	"""A Notification's condition on the given readable fields of its document."""
	return Grammar(
		names=frozenset({"doc"}),
		record="doc",
		fields=frozenset(fields),
		membership=True,
		constants=SCALARS,
	)
