"""Who reads whose emulation data (docs/permissions.md).

On top of the unit scope every unit-scoped record has (`ward_admin.permissions.records`), point
entries, frozen scores and proposals are personal: a staff member reads only their own. Those who
run the reviews read their units' (Ward Leader, Emulation Officer), and so does the Inspector,
who oversees them; a Ward Admin configures the rules but reads only their own points.
Registered in hooks.py next to the unit rules, so the two conditions hold together on every
route: lists, reports, counts, search, REST, prints, documents.
"""

import frappe

from ward_admin.permissions.scope import is_operator

REVIEWERS = frozenset({"Ward Leader", "Emulation Officer", "Inspector"})


def reads_everyones(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return is_operator(user) or bool(REVIEWERS.intersection(frappe.get_roles(user)))


def query_conditions(user: str | None = None, doctype: str | None = None, **kwargs) -> str:
	user = user or frappe.session.user
	if reads_everyones(user):
		return ""
	return f"`tab{doctype}`.`user` = {frappe.db.escape(user)}"


def has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	user = user or frappe.session.user
	if reads_everyones(user) or doc.get("user") == user:
		return None
	return False
