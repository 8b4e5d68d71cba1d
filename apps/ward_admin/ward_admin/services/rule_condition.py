"""The condition of an Emulation Rule (design §3): a comparison on the document, checked before use.

Frappe's Energy Point Rule evaluates its condition with `frappe.safe_eval`, which still lets a
condition call the methods of what it is given. An emulation rule's condition is written by a
ward admin and runs inside every dossier save, so it is held to a smaller language first:
constants, the names it is given, fields of `doc` (`doc.channel`, `doc["channel"]`), arithmetic,
comparisons (`in` included), `and`/`or`/`not` and `a if c else b`. No calls, imports, lambdas,
comprehensions or private names. The checked text is then evaluated by `frappe.safe_eval`.
"""

import ast

MAX_LENGTH = 500

_ALLOWED = (
	ast.Expression,
	ast.BoolOp,
	ast.And,
	ast.Or,
	ast.UnaryOp,
	ast.Not,
	ast.USub,
	ast.UAdd,
	ast.BinOp,
	ast.Add,
	ast.Sub,
	ast.Mult,
	ast.Div,
	ast.Mod,
	ast.Compare,
	ast.Eq,
	ast.NotEq,
	ast.Lt,
	ast.LtE,
	ast.Gt,
	ast.GtE,
	ast.In,
	ast.NotIn,
	ast.Is,
	ast.IsNot,
	ast.IfExp,
	ast.Constant,
	ast.Name,
	ast.Load,
	ast.Attribute,
	ast.Subscript,
	ast.Tuple,
	ast.List,
)


class ConditionError(ValueError):
	"""A condition outside the allowed language; `reason` is a short code, `detail` the construct."""

	def __init__(self, reason: str, detail: str = ""):
		super().__init__(f"{reason}: {detail}" if detail else reason)
		self.reason = reason
		self.detail = detail


def check(condition: str, names=("doc",)) -> str:
	"""The condition, stripped, when it is in the allowed language; else ConditionError."""
	text = (condition or "").strip()
	if not text:
		return ""
	if len(text) > MAX_LENGTH:
		raise ConditionError("too_long")
	try:
		tree = ast.parse(text, mode="eval")
	except SyntaxError as e:
		raise ConditionError("syntax", str(e.msg)) from None
	for node in ast.walk(tree):
		if not isinstance(node, _ALLOWED):
			raise ConditionError("not_allowed", type(node).__name__)
		if isinstance(node, ast.Name):
			if node.id not in names or node.id.startswith("_"):
				raise ConditionError("unknown_name", node.id)
		elif isinstance(node, ast.Attribute):
			# a field of the document, never a method or a private attribute
			if not isinstance(node.value, ast.Name) or node.value.id != "doc" or node.attr.startswith("_"):
				raise ConditionError("not_allowed", "Attribute")
		elif isinstance(node, ast.Subscript):
			key = node.slice
			if (
				not isinstance(node.value, ast.Name)
				or node.value.id != "doc"
				or not isinstance(key, ast.Constant)
				or not isinstance(key.value, str)
				or key.value.startswith("_")
			):
				raise ConditionError("not_allowed", "Subscript")
		elif isinstance(node, ast.Constant) and isinstance(node.value, bytes):
			raise ConditionError("not_allowed", "bytes")
	return text
