"""The scheduler's watch over open dossiers: overdue state and warnings before a breach.

Runs every 15 minutes. Each run is two indexed range queries over (status, due_at), whatever
the number of dossiers; recipients get one digest each rather than one alert per dossier.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import get_url_to_form, now_datetime

from ward_admin import deadlines
from ward_admin.services.dossier_states import CLOCK_RUNNING_STATES

DIGEST_LIMIT = 20  # dossiers listed by name in one alert


def scan(now=None) -> dict:
	now = now or now_datetime()
	overdue = mark_overdue(now)
	warned = warn_before_breach(now)
	return {"overdue": len(overdue), "warned": len(warned)}


def mark_overdue(now) -> list[dict]:
	dossier = frappe.qb.DocType("Dossier")
	condition = dossier.status.isin(CLOCK_RUNNING_STATES) & (dossier.due_at < now) & (dossier.is_overdue == 0)
	rows = (
		frappe.qb.from_(dossier)
		.select(dossier.name, dossier.administrative_unit, dossier._assign, dossier.due_at)
		.where(condition)
	).run(as_dict=True)
	if rows:
		frappe.qb.update(dossier).set(dossier.is_overdue, 1).where(condition).run()
		notify(rows, _("Overdue dossiers"), _("{0} dossier(s) are past their legal due time"))
	return rows


def warn_before_breach(now) -> list[dict]:
	margin = frappe.db.get_single_value("One-Stop Settings", "warning_margin_hours")
	margin = 4.0 if margin is None else float(margin)
	if margin <= 0:
		return []
	dossier = frappe.qb.DocType("Dossier")
	unit = frappe.qb.DocType("Administrative Unit")
	warned = []
	for calendar in frappe.get_all("Working Calendar", pluck="name"):
		try:
			horizon = deadlines.get_engine_calendar(calendar).add_working_seconds(now, margin * 3600)
		except Exception:
			frappe.log_error(title=f"Dossier warnings: calendar {calendar} does not cover {now}")
			continue
		condition = (
			dossier.status.isin(CLOCK_RUNNING_STATES)
			& (dossier.due_at >= now)
			& (dossier.due_at <= horizon)
			& dossier.overdue_warned_at.isnull()
			& dossier.administrative_unit.isin(
				frappe.qb.from_(unit).select(unit.name).where(unit.working_calendar == calendar)
			)
		)
		rows = (
			frappe.qb.from_(dossier)
			.select(dossier.name, dossier.administrative_unit, dossier._assign, dossier.due_at)
			.where(condition)
		).run(as_dict=True)
		if rows:
			frappe.qb.update(dossier).set(dossier.overdue_warned_at, now).where(condition).run()
			warned.extend(rows)
	if warned:
		notify(warned, _("Dossiers due soon"), _("{0} dossier(s) reach their legal due time soon"))
	return warned


def unit_leaders(unit: str) -> list[str]:
	"""Enabled Ward Leaders restricted to this unit, or to a unit above it, or unrestricted."""
	leaders = frappe.get_all(
		"Has Role",
		filters={"role": "Ward Leader", "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	enabled = set(frappe.get_all("User", filters={"name": ("in", leaders), "enabled": 1}, pluck="name"))
	lineage = set(
		frappe.get_all(
			"Administrative Unit",
			filters={"lft": ("<=", _lft(unit)), "rgt": (">=", _rgt(unit))},
			pluck="name",
		)
	)
	restricted = defaultdict(set)
	for row in frappe.get_all(
		"User Permission",
		filters={"user": ("in", list(enabled)), "allow": "Administrative Unit"},
		fields=["user", "for_value"],
	):
		restricted[row.user].add(row.for_value)
	return sorted(u for u in enabled if not restricted[u] or restricted[u] & lineage)


def _lft(unit):
	return frappe.db.get_value("Administrative Unit", unit, "lft")


def _rgt(unit):
	return frappe.db.get_value("Administrative Unit", unit, "rgt")


def notify(rows: list[dict], subject: str, summary: str) -> None:
	"""One desk notification (and e-mail, by each user's settings) per recipient."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	per_user = defaultdict(list)
	leaders_of = {}
	for row in rows:
		recipients = set(frappe.parse_json(row._assign or "[]"))
		if row.administrative_unit not in leaders_of:
			leaders_of[row.administrative_unit] = unit_leaders(row.administrative_unit)
		recipients.update(leaders_of[row.administrative_unit])
		for user in recipients:
			per_user[user].append(row)
	email_alerts = frappe.db.get_single_value("One-Stop Settings", "email_alerts")
	for user, user_rows in per_user.items():
		lines = "".join(
			f'<li><a href="{get_url_to_form("Dossier", r.name)}">{r.name}</a> — {frappe.format(r.due_at, "Datetime")}</li>'
			for r in user_rows[:DIGEST_LIMIT]
		)
		more = len(user_rows) - DIGEST_LIMIT
		extra = f"<p>{_('and {0} more').format(more)}</p>" if more > 0 else ""
		first = user_rows[0]
		enqueue_create_notification(
			user,
			{
				"type": "Alert",
				"document_type": "Dossier",
				"document_name": first.name,
				"subject": f"{subject}: {summary.format(len(user_rows))}",
				"email_content": f"<ul>{lines}</ul>{extra}" if email_alerts else None,
			},
		)
