"""The staff KPIs of a unit over any dates (docs/contract.md, "Emulation" and "Reports"; the components of a period score).

One set of aggregate queries, over the unit and every unit below it, gives each staff member's
components; the report **Staff KPI** shows them live and `Emulation Period.close_period` freezes
them. Nothing here loads a document: at province scale (a million dossiers a year) each figure
is one GROUP BY.

A staff member *handled* a dossier when they held one of its steps (the control sheet, form 06);
the dossiers they handled that were resolved in the dates count as early, on time or late by the
dossier's timeliness. A dossier counts in the dates when it was received (received), resolved
(outcomes, ratings of it) or when the step was completed (handled, steps late).
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

import frappe
from frappe.query_builder.functions import Count, Sum
from frappe.utils import flt, getdate
from pypika.terms import Case

from ward_admin.services import emulation as arithmetic
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

COMPONENT_FIELDS = arithmetic.COMPONENTS


def bounds(from_date, to_date) -> tuple[datetime, datetime]:
	start = datetime.combine(getdate(from_date), datetime.min.time())
	end = datetime.combine(getdate(to_date) + timedelta(days=1), datetime.min.time())
	return start, end


def components(unit: str, from_date, to_date, users: list[str] | None = None) -> dict[str, dict]:
	"""{user: {component: value}} for every staff member with activity in the unit's subtree."""
	units = unit_tree.descendants(unit)
	if not units:
		return {}
	start, end = bounds(from_date, to_date)
	rows: dict[str, dict] = defaultdict(lambda: dict.fromkeys(COMPONENT_FIELDS, 0))

	def add(pairs, field):
		for user, value in pairs:
			if user and (users is None or user in users):
				rows[user][field] = value

	dossier = frappe.qb.DocType("Dossier")
	step = frappe.qb.DocType("Dossier Step")
	pause = frappe.qb.DocType("Dossier Pause")
	entry = frappe.qb.DocType("Emulation Point Entry")
	rating = frappe.qb.DocType("Citizen Rating")
	in_units = dossier.administrative_unit.isin(units)

	add(
		frappe.qb.from_(entry)
		.select(entry.user, Sum(entry.points))
		.where(
			entry.administrative_unit.isin(units)
			& (entry.posting_date >= getdate(from_date))
			& (entry.posting_date <= getdate(to_date))
		)
		.groupby(entry.user)
		.run(),
		"points",
	)
	# one pass over the control sheets of the units' dossiers gives every step-based figure
	completed = (step.completed_at >= start) & (step.completed_at < end)
	resolved = (dossier.resolved_at >= start) & (dossier.resolved_at < end)
	received = (dossier.received_at >= start) & (dossier.received_at < end)

	def distinct_dossiers(condition):
		return Count(Case().when(condition, step.parent)).distinct()

	def count(condition):
		return Sum(Case().when(condition, 1).else_(0))

	figures = (
		frappe.qb.from_(step)
		.join(dossier)
		.on(dossier.name == step.parent)
		.select(
			step.holder,
			distinct_dossiers(completed),
			count(completed & (step.timeliness == "Late")),
			count((step.idx == 1) & received),
			distinct_dossiers(resolved & (dossier.timeliness == "Early")),
			distinct_dossiers(resolved & (dossier.timeliness == "On Time")),
			distinct_dossiers(resolved & (dossier.timeliness == "Late")),
		)
		.where(
			(step.parenttype == "Dossier")
			& step.holder.isnotnull()
			& in_units
			# nothing happens to a dossier before its receipt: the unit's index bounds the scan
			& (dossier.received_at < end)
			& (completed | resolved | received)
		)
		.groupby(step.holder)
		.run()
	)
	for i, field in enumerate(
		("dossiers_handled", "steps_late", "dossiers_received", "early", "on_time", "late"), start=1
	):
		add([(row[0], int(row[i] or 0)) for row in figures], field)
	add(
		frappe.qb.from_(pause)
		.join(dossier)
		.on((dossier.name == pause.parent) & (pause.parenttype == "Dossier"))
		.select(pause.started_by, Count("*"))
		.where(
			in_units
			& (pause.pause_type == "Supplement")
			& (pause.started_at >= start)
			& (pause.started_at < end)
		)
		.groupby(pause.started_by)
		.run(),
		"supplements_requested",
	)
	add(
		frappe.qb.from_(dossier)
		.select(dossier.apology_by, Count("*"))
		.where(in_units & (dossier.apology_issued_at >= start) & (dossier.apology_issued_at < end))
		.groupby(dossier.apology_by)
		.run(),
		"apologies",
	)
	rated = (
		frappe.qb.from_(rating)
		.join(step)
		.on((step.parent == rating.dossier) & (step.parenttype == "Dossier"))
		.select(step.holder, rating.name, rating.rating)
		.distinct()
		.where(
			rating.administrative_unit.isin(units)
			& step.holder.isnotnull()
			& (rating.rated_at >= start)
			& (rating.rated_at < end)
		)
		.run()
	)
	ratings = defaultdict(list)
	for user, _name, value in rated:
		ratings[user].append(value)
	add([(user, len(values)) for user, values in ratings.items()], "ratings_count")
	add([(user, round(sum(values) / len(values), 2)) for user, values in ratings.items()], "avg_rating")

	for values in rows.values():
		values["points"] = round(flt(values["points"]), 2)
		values["resolved"] = values["early"] + values["on_time"] + values["late"]
		values["on_time_rate"] = arithmetic.on_time_rate(values["early"], values["on_time"], values["late"])
	return dict(rows)


def staff_of(users) -> dict[str, dict]:
	"""{user: {employee, employee_name, unit}} for users linked to an active Employee; the unit is
	the user's default Administrative Unit (their User Permission)."""
	users = sorted(users)
	if not users:
		return {}
	employee = frappe.qb.DocType("Employee")
	found = {
		user: {"employee": name, "employee_name": employee_name}
		for name, employee_name, user in frappe.qb.from_(employee)
		.select(employee.name, employee.employee_name, employee.user_id)
		.where(employee.user_id.isin(users) & (employee.status == "Active"))
		.orderby(employee.creation)
		.run()[::-1]
	}
	permission = frappe.qb.DocType("User Permission")
	for user, unit, is_default in (
		frappe.qb.from_(permission)
		.select(permission.user, permission.for_value, permission.is_default)
		.where(permission.user.isin(users) & (permission.allow == "Administrative Unit"))
		.orderby(permission.is_default)
		.orderby(permission.creation)
		.run()
	):
		if user in found and (is_default or "unit" not in found[user]):
			found[user]["unit"] = unit
	return found


def disciplined_users(users, year: int) -> set[str]:
	"""Users with an approved disciplinary measure decided in `year` (Decree 335/2025: not complete)."""
	if not users:
		return set()
	review = frappe.qb.DocType("Disciplinary Review")
	return set(
		frappe.qb.from_(review)
		.select(review.user)
		.where(
			review.user.isin(sorted(users))
			& (review.status == "Approved")
			& (review.decision_date >= date(year, 1, 1))
			& (review.decision_date <= date(year, 12, 31))
		)
		.run(pluck=True)
	)
