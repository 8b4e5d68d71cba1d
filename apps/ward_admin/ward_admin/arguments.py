"""Values a client sends to the app's methods, checked with a clear, translated error (HTTP 417).

Frappe's `get_datetime`, `getdate` and `float` raise parser errors (a server error, HTTP 500) on
text that is not a date or a number; a person typing in a form deserves to be told which value
is wrong.
"""

import math
from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate


class InvalidArgumentError(frappe.ValidationError):
	"""A value of the wrong kind for what the method expects."""


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
