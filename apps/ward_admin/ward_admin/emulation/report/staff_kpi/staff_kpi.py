"""Staff KPI: each staff member's figures over any dates — the leader's weekly and monthly review.

One row per staff member of the unit (and the units below it) with activity in the dates: the
components of a period score (`ward_admin.emulation.kpi`), live, plus the average working hours
they held a step. Each number opens the dossiers or point entries behind it (the same report,
filtered on the staff member and the figure: `user` and `show`). Leaders, the Emulation Officer
and the Inspector read their units' staff; everyone else reads only their own row ("my points").
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import get_first_day, get_fullname, get_last_day, getdate, today

from ward_admin import arguments
from ward_admin.emulation import kpi
from ward_admin.emulation.permissions import reads_everyones
from ward_admin.permissions.scope import in_scope, units_of
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree
from ward_admin.ward_setup.doctype.working_calendar import deadlines

# the figures a reader may open, and what opens
DRILLS = (
	"dossiers_received",
	"dossiers_handled",
	"early",
	"on_time",
	"late",
	"steps_late",
	"supplements_requested",
	"apologies",
	"ratings_count",
	"points",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	unit = reader_unit(filters.administrative_unit)
	from_date = (
		getdate(arguments.date_value(filters.from_date, _("From Date")))
		if filters.from_date
		else get_first_day(today())
	)
	to_date = (
		getdate(arguments.date_value(filters.to_date, _("To Date")))
		if filters.to_date
		else get_last_day(from_date)
	)
	if to_date < from_date:
		frappe.throw(_("To Date cannot be before From Date"), exc=arguments.InvalidArgumentError)
	users = None if reads_everyones() else [frappe.session.user]
	if filters.user:
		if users is not None and filters.user != frappe.session.user:
			raise frappe.PermissionError
		users = [filters.user]
	if filters.show:
		show = arguments.choice_value(filters.show, _("Show"), DRILLS)
		return drill_columns(show), drill_rows(show, unit, from_date, to_date, users[0] if users else None)
	values = kpi.components(unit, from_date, to_date, users)
	staff = kpi.staff_of(values)
	hours = step_hours(unit, from_date, to_date, set(values))
	rows = []
	for user, figures in values.items():
		person = staff.get(user)
		if not person:
			# staff are Employees (as for the points ledger): a site operator who acted on a dossier
			# is no staff member to review
			continue
		rows.append(
			{
				"user": user,
				"employee": person["employee"],
				"employee_name": person["employee_name"] or get_fullname(user),
				**figures,
				"avg_step_hours": hours.get(user),
			}
		)
	rows.sort(key=lambda row: (-row["dossiers_handled"], row["employee_name"] or ""))
	return columns(), rows, None, chart(rows)


def reader_unit(unit: str | None) -> str:
	"""The unit asked for, when the reader may see it; by default the reader's top unit."""
	if unit:
		if not frappe.db.exists("Administrative Unit", unit) or not in_scope(unit, doctype="Dossier"):
			raise frappe.PermissionError
		return unit
	units = units_of(doctype="Dossier")
	if units is None:
		top = unit_tree.roots()
		if top:
			return top[0]
	else:
		own = unit_tree.in_tree_order(units)
		if own:
			return own[0]
	frappe.throw(_("Choose an Administrative Unit"), exc=arguments.InvalidArgumentError)


def step_hours(unit, from_date, to_date, users: set[str]) -> dict[str, float]:
	"""Average working hours each user held a step completed in the dates, on the unit's calendar."""
	if not users:
		return {}
	start, end = kpi.bounds(from_date, to_date)
	step, dossier = frappe.qb.DocType("Dossier Step"), frappe.qb.DocType("Dossier")
	found = (
		frappe.qb.from_(step)
		.join(dossier)
		.on((dossier.name == step.parent) & (step.parenttype == "Dossier"))
		.select(step.holder, step.started_at, step.completed_at, dossier.administrative_unit)
		.where(
			dossier.administrative_unit.isin(unit_tree.descendants(unit))
			& step.holder.isin(sorted(users))
			& step.started_at.isnotnull()
			& (step.completed_at >= start)
			& (step.completed_at < end)
		)
		.run()
	)
	calendars = {}
	total, count = defaultdict(float), defaultdict(int)
	for user, started, completed, unit_of_dossier in found:
		if unit_of_dossier not in calendars:
			calendars[unit_of_dossier] = deadlines.get_engine_calendar(
				deadlines.calendar_of_unit(unit_of_dossier)
			)
		total[user] += calendars[unit_of_dossier].working_seconds_between(started, completed) / 3600
		count[user] += 1
	return {user: round(total[user] / count[user], 2) for user in total}


def columns() -> list[dict]:
	def col(fieldname, label, fieldtype="Int", width=110, **kw):
		# `drill`: the form's formatter links the figure to the rows behind it
		return {
			"fieldname": fieldname,
			"label": label,
			"fieldtype": fieldtype,
			"width": width,
			"drill": int(fieldname in DRILLS),
			**kw,
		}

	return [
		# staff by name; their Employee code and login stay out of sight (the formatter and the
		# drill-down read `user`)
		col("employee_name", _("Staff Member"), "Data", 200),
		col("dossiers_received", _("Dossiers Received")),
		col("dossiers_handled", _("Handled")),
		col("early", _("Early")),
		col("on_time", _("On Time")),
		col("late", _("Late")),
		col("on_time_rate", _("On-Time Rate"), "Percent", precision=2),
		col("steps_late", _("Steps Late")),
		col("supplements_requested", _("Supplements Requested"), width=130),
		col("apologies", _("Apologies")),
		col("avg_step_hours", _("Hours per Step"), "Float", precision=2),
		col("avg_rating", _("Average Rating"), "Float", precision=2),
		col("ratings_count", _("Ratings")),
		col("points", _("Points"), "Float", precision=2),
		col("user", _("User"), "Link", 200, options="User", hidden=1),
	]


def chart(rows) -> dict | None:
	if not rows:
		return None
	shown = rows[:20]
	return {
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#29cd42", "#5e64ff", "#ff5858"],
		"data": {
			"labels": [row["employee_name"] for row in shown],
			"datasets": [
				{"name": _("Early"), "values": [row["early"] for row in shown]},
				{"name": _("On Time"), "values": [row["on_time"] for row in shown]},
				{"name": _("Late"), "values": [row["late"] for row in shown]},
			],
		},
	}


# ---------------------------------------------------------------- drill-down


def drill_columns(show: str) -> list[dict]:
	if show == "points":
		return [
			{"fieldname": "posting_date", "label": _("Posting Date"), "fieldtype": "Date", "width": 110},
			{"fieldname": "points", "label": _("Points"), "fieldtype": "Float", "precision": 2, "width": 90},
			{
				"fieldname": "rule",
				"label": _("Emulation Rule"),
				"fieldtype": "Link",
				"options": "Emulation Rule",
				"width": 220,
			},
			{"fieldname": "event", "label": _("Event"), "fieldtype": "Data", "width": 180},
			{
				"fieldname": "dossier",
				"label": _("Dossier"),
				"fieldtype": "Link",
				"options": "Dossier",
				"width": 210,
			},
			{
				"fieldname": "name",
				"label": _("Emulation Point Entry"),
				"fieldtype": "Link",
				"options": "Emulation Point Entry",
				"width": 120,
			},
		]
	return [
		{
			"fieldname": "dossier",
			"label": _("Dossier"),
			"fieldtype": "Link",
			"options": "Dossier",
			"width": 210,
		},
		{
			"fieldname": "procedure",
			"label": _("Procedure"),
			"fieldtype": "Link",
			"options": "Administrative Procedure",
			"width": 200,
		},
		{"fieldname": "received_at", "label": _("Received At"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "due_at", "label": _("Due At"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "resolved_at", "label": _("Resolved At"), "fieldtype": "Datetime", "width": 150},
		{"fieldname": "timeliness", "label": _("Timeliness"), "fieldtype": "Data", "width": 100},
		{"fieldname": "detail", "label": _("Detail"), "fieldtype": "Data", "width": 220},
	]


def drill_rows(show: str, unit: str, from_date, to_date, user: str | None) -> list[dict]:
	if not user:
		frappe.throw(_("Choose the staff member whose dossiers to show"), exc=arguments.InvalidArgumentError)
	units = unit_tree.descendants(unit)
	start, end = kpi.bounds(from_date, to_date)
	if show == "points":
		return frappe.get_list(
			"Emulation Point Entry",
			filters={
				"user": user,
				"administrative_unit": ("in", units),
				"posting_date": ("between", [from_date, to_date]),
			},
			fields=["posting_date", "points", "rule", "event", "dossier", "name"],
			order_by="posting_date asc, name asc",
			limit_page_length=0,
		)
	dossier = frappe.qb.DocType("Dossier")
	step = frappe.qb.DocType("Dossier Step")
	pause = frappe.qb.DocType("Dossier Pause")
	rating = frappe.qb.DocType("Citizen Rating")
	fields = (
		dossier.name.as_("dossier"),
		dossier.procedure,
		dossier.received_at,
		dossier.due_at,
		dossier.resolved_at,
		dossier.timeliness,
	)
	in_units = dossier.administrative_unit.isin(units)
	with_steps = (
		frappe.qb.from_(dossier).join(step).on((step.parent == dossier.name) & (step.parenttype == "Dossier"))
	)
	if show in ("dossiers_handled", "steps_late"):
		query = with_steps.select(*fields, step.step.as_("detail")).where(
			in_units & (step.holder == user) & (step.completed_at >= start) & (step.completed_at < end)
		)
		if show == "steps_late":
			query = query.where(step.timeliness == "Late")
	elif show == "dossiers_received":
		query = with_steps.select(*fields, step.step.as_("detail")).where(
			in_units
			& (step.holder == user)
			& (step.idx == 1)
			& (dossier.received_at >= start)
			& (dossier.received_at < end)
		)
	elif show in ("early", "on_time", "late"):
		timeliness = {"early": "Early", "on_time": "On Time", "late": "Late"}[show]
		query = (
			with_steps.select(*fields)
			.distinct()
			.where(
				in_units
				& (step.holder == user)
				& (dossier.timeliness == timeliness)
				& (dossier.resolved_at >= start)
				& (dossier.resolved_at < end)
			)
		)
	elif show == "supplements_requested":
		query = (
			frappe.qb.from_(dossier)
			.join(pause)
			.on((pause.parent == dossier.name) & (pause.parenttype == "Dossier"))
			.select(*fields, pause.reason.as_("detail"))
			.where(
				in_units
				& (pause.pause_type == "Supplement")
				& (pause.started_by == user)
				& (pause.started_at >= start)
				& (pause.started_at < end)
			)
		)
	elif show == "apologies":
		query = (
			frappe.qb.from_(dossier)
			.select(*fields, dossier.apology_reason.as_("detail"))
			.where(
				in_units
				& (dossier.apology_by == user)
				& (dossier.apology_issued_at >= start)
				& (dossier.apology_issued_at < end)
			)
		)
	else:  # ratings_count
		query = (
			with_steps.join(rating)
			.on(rating.dossier == dossier.name)
			.select(*fields, rating.rating.as_("detail"))
			.distinct()
			.where(in_units & (step.holder == user) & (rating.rated_at >= start) & (rating.rated_at < end))
		)
	rows = query.orderby(dossier.received_at).run(as_dict=True)
	names = [row.dossier for row in rows]
	# the dossiers come through the reader's permissions as well: a staff member opens only the
	# dossiers of their units, whatever the steps say
	readable = (
		set(frappe.get_list("Dossier", filters={"name": ("in", names)}, pluck="name", limit_page_length=0))
		if names
		else set()
	)
	return [row for row in rows if row.dossier in readable]
