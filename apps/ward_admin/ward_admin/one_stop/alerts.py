"""The scheduler's watch over open dossiers: overdue state and warnings before a breach.

Runs every 15 minutes. Each run reads two ranges of the (status_code, due_at) index, whatever the
number of dossiers, works out recipients once per run, and sends each recipient one digest.
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import get_url_to_form, now_datetime

from ward_admin.services.dossier_states import CLOCK_RUNNING
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree
from ward_admin.ward_setup.doctype.working_calendar import deadlines

DIGEST_LIMIT = 20  # dossiers listed by name in one alert
CHUNK = 1000
STATUS_DUE_INDEX = "status_code_due_at_index"  # made by Dossier's on_doctype_update


def scan(now=None) -> dict:
	now = now or now_datetime()
	overdue = mark_overdue(now)
	warned = warn_before_breach(now)
	notify(overdue, warned)
	return {"overdue": len(overdue), "warned": len(warned)}


def _running(dossier):
	return (
		frappe.qb.from_(dossier)
		.force_index(STATUS_DUE_INDEX)
		.where(dossier.status_code.isin(sorted(CLOCK_RUNNING)))
	)


def mark_overdue(now) -> list[dict]:
	dossier = frappe.qb.DocType("Dossier")
	rows = (
		_running(dossier)
		.select(dossier.name, dossier.administrative_unit, dossier._assign, dossier.due_at)
		.where((dossier.due_at < now) & (dossier.is_overdue == 0))
	).run(as_dict=True)
	_set(dossier.is_overdue, 1, rows)
	return rows


def warn_before_breach(now) -> list[dict]:
	"""Dossiers whose due time is within the margin of working time on their unit's calendar."""
	margin = frappe.db.get_single_value("One-Stop Settings", "warning_margin_hours") or 0
	if margin <= 0:
		return []
	horizons = {}
	for calendar in frappe.get_all("Working Calendar", pluck="name"):
		try:
			horizons[calendar] = deadlines.get_engine_calendar(calendar).add_working_seconds(
				now, margin * 3600
			)
		except Exception:
			frappe.log_error(title=f"Dossier warnings: calendar {calendar} does not cover {now}")
	if not horizons:
		return []
	calendar_of = dict(
		frappe.get_all("Administrative Unit", fields=["name", "working_calendar"], as_list=True)
	)
	dossier = frappe.qb.DocType("Dossier")
	candidates = (
		_running(dossier)
		.select(dossier.name, dossier.administrative_unit, dossier._assign, dossier.due_at)
		.where(
			(dossier.due_at >= now)
			& (dossier.due_at <= max(horizons.values()))
			& dossier.overdue_warned_at.isnull()
		)
	).run(as_dict=True)
	rows = [
		row
		for row in candidates
		if (horizon := horizons.get(calendar_of.get(row.administrative_unit))) and row.due_at <= horizon
	]
	_set(dossier.overdue_warned_at, now, rows)
	return rows


def _set(column, value, rows: list[dict]) -> None:
	dossier = frappe.qb.DocType("Dossier")
	names = [row.name for row in rows]
	for start in range(0, len(names), CHUNK):
		frappe.qb.update(dossier).set(column, value).where(
			dossier.name.isin(names[start : start + CHUNK])
		).run()


def leaders_by_unit(units: set[str]) -> dict[str, list[str]]:
	"""Enabled Ward Leaders of each unit: restricted to it or to a unit above it, or unrestricted."""
	leaders = set(
		frappe.get_all("Has Role", filters={"role": "Ward Leader", "parenttype": "User"}, pluck="parent")
	)
	leaders &= set(
		frappe.get_all("User", filters={"name": ("in", list(leaders) or [""]), "enabled": 1}, pluck="name")
	)
	restricted = defaultdict(set)
	for row in frappe.get_all(
		"User Permission",
		filters={"user": ("in", list(leaders) or [""]), "allow": "Administrative Unit"},
		fields=["user", "for_value"],
	):
		restricted[row.user].add(row.for_value)
	result = {}
	for unit in units:
		above = {unit, *unit_tree.ancestors(unit)}
		result[unit] = sorted(u for u in leaders if not restricted[u] or restricted[u] & above)
	return result


def notify(overdue: list[dict], warned: list[dict]) -> None:
	"""One desk notification (and e-mail, by each user's settings) per recipient and run."""
	from frappe.desk.doctype.notification_log.notification_log import enqueue_create_notification

	if not overdue and not warned:
		return
	leaders = leaders_by_unit({row.administrative_unit for row in overdue + warned})
	per_user = defaultdict(lambda: {"overdue": [], "warned": []})
	for kind, rows in (("overdue", overdue), ("warned", warned)):
		for row in rows:
			for user in set(frappe.parse_json(row._assign or "[]")) | set(leaders[row.administrative_unit]):
				per_user[user][kind].append(row)

	email_alerts = frappe.db.get_single_value("One-Stop Settings", "email_alerts")
	for user, lists in per_user.items():
		parts, sections = [], []
		if lists["overdue"]:
			parts.append(_("{0} dossier(s) are past their legal due time").format(len(lists["overdue"])))
			sections.append((_("Overdue dossiers"), lists["overdue"]))
		if lists["warned"]:
			parts.append(_("{0} dossier(s) reach their legal due time soon").format(len(lists["warned"])))
			sections.append((_("Dossiers due soon"), lists["warned"]))
		first = (lists["overdue"] or lists["warned"])[0]
		enqueue_create_notification(
			user,
			{
				"type": "Alert",
				"document_type": "Dossier",
				"document_name": first.name,
				"subject": "; ".join(parts),
				"email_content": _digest(sections) if email_alerts else None,
			},
		)


def _digest(sections) -> str:
	html = []
	for title, rows in sections:
		items = "".join(
			f'<li><a href="{get_url_to_form("Dossier", r.name)}">{r.name}</a> — {frappe.format(r.due_at, "Datetime")}</li>'
			for r in rows[:DIGEST_LIMIT]
		)
		more = len(rows) - DIGEST_LIMIT
		extra = f"<p>{_('and {0} more').format(more)}</p>" if more > 0 else ""
		html.append(f"<h4>{title}</h4><ul>{items}</ul>{extra}")
	return "".join(html)
