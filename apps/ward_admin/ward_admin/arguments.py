"""Values a client sends, checked with a clear, translated error (HTTP 417).

Frappe's `get_datetime`, `getdate` and `float` raise parser errors (a server error, HTTP 500) on
text that is not a date or a number; a person typing in a form deserves to be told which value
is wrong.

- `datetime_value`, `date_value`, `number_value`, `json_value`, `choice_value`, `flag_value`:
  one value sent to a method of the app;
- `check_arguments`, `check_shapes`, `check_document_shape`, `value_fits`: what the request
  guard (`ward_admin.permissions.requests`) checks of a call to any method, Frappe's own
  included: its required arguments are there, its JSON parameters are of the shape the method
  takes for granted, and a document's fields hold values of their type.
"""

import inspect
import json
import math
import re
from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate


class InvalidArgumentError(frappe.ValidationError):
	"""A value of the wrong kind for what the method expects."""


class MissingArgumentError(frappe.ValidationError):
	"""A call that leaves out an argument the method requires."""


class MissingReasonError(frappe.ValidationError):
	"""An action that needs a written reason (a refusal, supplement, stop, sending back, reopening
	a period, reversing points): every module asks for it the same way."""


def _refuse(message: str) -> None:
	frappe.throw(message, exc=InvalidArgumentError, title=_("Invalid Value"))


def datetime_value(value, label: str) -> datetime:
	try:
		parsed = get_datetime(value) if value not in (None, "") else None
	except Exception:
		parsed = None
	if not isinstance(parsed, datetime):
		_refuse(_("{0} must be a date and time, not {1}").format(label, frappe.bold(str(value)[:40])))
	return parsed


def date_value(value, label: str) -> date:
	try:
		parsed = getdate(value) if value not in (None, "") else None
	except Exception:
		parsed = None
	if not isinstance(parsed, date):
		_refuse(_("{0} must be a date, not {1}").format(label, frappe.bold(str(value)[:40])))
	return parsed


def number_value(value, label: str, minimum: float = 0, maximum: float = 1_000_000) -> float:
	try:
		number = float(value)
	except (TypeError, ValueError):
		number = math.nan
	if not math.isfinite(number) or not minimum <= number <= maximum:
		_refuse(
			_("{0} must be a number from {1} to {2}, not {3}").format(
				label, minimum, maximum, frappe.bold(str(value)[:40])
			)
		)
	return number


def json_value(value, label: str, kind: type = dict):
	"""A JSON parameter (a dict of filters, a list of names), already decoded or as text."""
	if value in (None, ""):
		return kind()
	if isinstance(value, str):
		try:
			value = frappe.parse_json(value)
		except ValueError:
			value = None
	if not isinstance(value, kind):
		_refuse(_("{0} is not valid").format(label))
	return value


def choice_value(value, label: str, choices: tuple[str, ...]) -> str:
	if value not in choices:
		_refuse(_("{0} must be one of {1}").format(label, ", ".join(choices)))
	return value


def flag_value(value) -> bool:
	"""A yes/no parameter as the desk sends it: true/false, 1/0, "true"/"false"."""
	return str(value).strip().lower() in ("1", "true", "yes")


# ---------------------------------------------------------------- any method's arguments


def check_arguments(method: str) -> None:
	"""A missing required argument answers with a clear message, not a server error."""
	from frappe.handler import get_attr

	try:
		overrides = frappe.get_hooks("override_whitelisted_methods") or {}
		function = get_attr(overrides[method][-1] if method in overrides else method)
		parameters = inspect.signature(function).parameters.values()
	except Exception:
		return  # Frappe reports an unknown method itself
	missing = [
		p.name
		for p in parameters
		if p.default is inspect.Parameter.empty
		and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
		and p.name not in frappe.form_dict
	]
	if missing:
		frappe.throw(
			_("Missing argument: {0}").format(", ".join(missing)),
			exc=MissingArgumentError,
			title=_("Invalid Request"),
		)


def check_document_shape(doctype: str, values: dict) -> None:
	"""A document's fields hold single values of their type, and its tables lists of rows.

	Frappe takes a dict sent for a Link field as filters on the linked table (any column), and
	answers a number sent for a text field, a list for a table's JSON or a malformed date with a
	server error.
	"""
	try:
		meta = frappe.get_meta(doctype)
	except frappe.DoesNotExistError:
		return  # Frappe answers an unknown doctype itself
	for key, value in values.items():
		df = meta.get_field(key) if isinstance(key, str) else None
		if df and df.fieldtype in frappe.model.table_fields:
			if value is None:
				continue
			if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
				refuse_value(doctype, key)
			for row in value:
				check_document_shape(df.options, row)
		elif isinstance(value, dict | list):
			if df or key in frappe.model.default_fields:
				refuse_value(doctype, key)
		elif df and not value_fits(df.fieldtype, value):
			refuse_value(doctype, key)


ASCII_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")
NUMBER_TYPES = frozenset({"Int", "Check", "Float", "Currency", "Percent", "Duration", "Rating"})
DATE_PARSERS = {"Date": "getdate", "Datetime": "get_datetime", "Time": "get_time"}
# text fields that may hold a number (a link to a doctype named by numbers)
NUMBER_NAMED = frozenset({"Link", "Dynamic Link"})


def value_fits(fieldtype: str, value) -> bool:
	if value is None or value == "":
		return True
	if fieldtype in NUMBER_TYPES:
		if isinstance(value, bool | int):
			return True
		if isinstance(value, float):
			return math.isfinite(value)
		return bool(ASCII_NUMBER.fullmatch(str(value).strip())) and math.isfinite(float(value))
	if fieldtype in DATE_PARSERS:
		if not isinstance(value, str):
			return False
		try:
			return getattr(frappe.utils, DATE_PARSERS[fieldtype])(value) is not None
		except Exception:
			return False
	if isinstance(value, int | float) and not isinstance(value, bool):
		return fieldtype in NUMBER_NAMED
	return isinstance(value, str)


def refuse_value(doctype: str, fieldname: str) -> None:
	frappe.throw(
		_("{0}: the value of {1} is not valid").format(_(doctype), fieldname),
		exc=InvalidArgumentError,
		title=_("Invalid Value"),
	)


def check_shapes(method: str, shapes: dict, params: dict) -> None:
	"""The parameters of `method` have the shapes it takes for granted (`shapes`: {method:
	{parameter: kind}}, `ward_admin.permissions.allowlist.ARGUMENT_SHAPES`). Kinds:

	- "object", "list", "rows" (a list of objects): JSON, sent as text or as such; passed on as
	  JSON text, which every such method of Frappe reads;
	- "present": sent, whatever its value; "omitted": never sent (Frappe takes it from Python
	  callers only);
	- a tuple: one of its values;
	- "report", "tree": sent, and names a Report, a doctype kept as a tree (with its
	  `parent_<doctype>`);
	- "document" (the print methods): a doctype when `name` is sent, else a JSON object.
	"""
	for param, kind in (shapes.get(method) or {}).items():
		value = params.get(param)
		if kind in ("present", "report", "tree") and param not in params:
			frappe.throw(
				_("Missing argument: {0}").format(param), exc=MissingArgumentError, title=_("Invalid Request")
			)
		if kind == "present":
			continue
		if kind == "omitted":
			if param in params:
				refuse_parameter(param)
			continue
		if value in (None, ""):
			continue
		if isinstance(kind, tuple):
			if value not in kind:
				refuse_parameter(param)
		elif kind in ("object", "list", "rows"):
			params[param] = json_text(value, kind, param)
		elif kind == "report":
			if not isinstance(value, str) or not frappe.db.exists("Report", value):
				raise frappe.DoesNotExistError(_("Report {0} not found").format(str(value)[:140]))
		elif kind == "tree":
			if not isinstance(value, str) or not frappe.db.exists("DocType", value):
				raise frappe.DoesNotExistError(_("DocType {0} not found").format(str(value)[:140]))
			if not frappe.get_meta(value).has_field(f"parent_{frappe.scrub(value)}"):
				refuse_parameter(param)
		elif kind == "document":
			if isinstance(params.get("name"), str):
				if not isinstance(value, str) or not frappe.db.exists("DocType", value):
					refuse_parameter(param)
			else:
				params[param] = json_text(value, "object", param)


def json_text(value, kind: str, param: str) -> str:
	"""The value as JSON text, when it is (or is the text of) an object, a list, or a list of objects."""
	if isinstance(value, str):
		try:
			value = json.loads(value)
		except ValueError:
			refuse_parameter(param)
	fits = {
		"object": isinstance(value, dict),
		"list": isinstance(value, list),
		"rows": isinstance(value, list) and all(isinstance(row, dict) for row in value),
	}[kind]
	if not fits:
		refuse_parameter(param)
	return json.dumps(value)


def refuse_parameter(param: str) -> None:
	frappe.throw(
		_("The value of {0} is not valid").format(param), exc=InvalidArgumentError, title=_("Invalid Value")
	)
