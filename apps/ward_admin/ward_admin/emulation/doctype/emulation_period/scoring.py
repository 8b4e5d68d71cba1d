"""A period's scores: components → formula → rating level → quota → proposed title (docs/rules.md, "Emulation").

`score_rows` is what `close_period` freezes and what the leaderboard shows live for an open
period: the same function, so a closed period shows exactly what it would have shown open.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import getdate

from ward_admin.emulation import kpi
from ward_admin.services import emulation as arithmetic


class InvalidFormulaError(frappe.ValidationError):
	"""A score formula outside the allowed arithmetic, or one that fails on a staff member's data."""


FORMULA_MESSAGES = {
	"syntax": "The score formula is not a valid expression",
	"not_allowed": 'The score formula may only use arithmetic, comparisons and "a if condition else b": {0} is not allowed',
	"unknown_name": "The score formula uses {0}, which is not a component",
	"too_long": "The score formula is too long",
	"empty": "Enter a score formula",
	"division": "The score formula divides by zero",
	"not_finite": "The score formula gives no finite number",
}


def compile_formula(expression: str) -> arithmetic.Formula:
	try:
		return arithmetic.compile_formula(expression)
	except arithmetic.FormulaError as e:
		frappe.throw(
			_(FORMULA_MESSAGES[e.reason]).format(frappe.bold(e.detail)),
			exc=InvalidFormulaError,
			title=_("Invalid Score Formula"),
		)


def thresholds_of(period) -> arithmetic.Thresholds:
	return arithmetic.Thresholds(
		excellent=float(period.excellent_threshold),
		good=float(period.good_threshold),
		complete=float(period.complete_threshold),
		excellent_quota=float(period.excellent_quota),
	)


def score_rows(period) -> list[dict]:
	"""One dict per staff member (with an Employee) active in the period's unit and dates."""
	values_of = kpi.components(period.administrative_unit, period.from_date, period.to_date)
	staff = kpi.staff_of(values_of)
	formula = compile_formula(period.score_formula)
	thresholds = thresholds_of(period)
	disciplined = kpi.disciplined_users(staff, getdate(period.to_date).year)
	rows = []
	for user, values in values_of.items():
		if user not in staff:
			continue
		person = staff[user]
		try:
			raw = formula.evaluate(values)
		except arithmetic.FormulaError as e:
			frappe.throw(
				_("{0} for {1}").format(_(FORMULA_MESSAGES[e.reason]).format(""), person["employee_name"]),
				exc=InvalidFormulaError,
				title=_("Invalid Score Formula"),
			)
		score = arithmetic.clamp_score(raw)
		rows.append(
			{
				"emulation_period": period.name,
				"employee": person["employee"],
				"employee_name": person["employee_name"],
				"user": user,
				"administrative_unit": person.get("unit") or period.administrative_unit,
				**values,
				"disciplined": int(user in disciplined),
				"final_score": score,
				"rating_level": arithmetic.rating_level(score, thresholds, user in disciplined),
			}
		)
	# the quota holds within each body (unit) whose staff are rated together
	by_unit = defaultdict(list)
	for row in rows:
		by_unit[row["administrative_unit"]].append(row)
	for members in by_unit.values():
		levels = arithmetic.apply_quota(
			[(row["user"], row["final_score"], row["rating_level"]) for row in members],
			thresholds.excellent_quota,
		)
		for row in members:
			row["rating_level"] = levels[row["user"]]
	rows.sort(key=lambda row: (-row["final_score"], row["employee_name"] or "", row["employee"]))
	previous, rank = None, 0
	for position, row in enumerate(rows, start=1):
		if row["final_score"] != previous:
			rank, previous = position, row["final_score"]
		row["rank"] = rank
		row["proposed_title"] = title_for(period, row["rating_level"])
	return rows


def title_for(period, level: str) -> str:
	if level == arithmetic.EXCELLENT:
		return period.excellent_title or period.good_title or ""
	if level == arithmetic.GOOD:
		return period.good_title or ""
	return ""
