"""The unit filter of the fees reports: a unit and everything under it, within the reader's own."""

import frappe
from frappe.utils.nestedset import get_descendants_of

from ward_admin.permissions.scope import units_of


def units_under(unit: str | None) -> list[str] | None:
	"""`unit` and its descendants; None (no filter) when no unit is chosen."""
	if not unit:
		return None
	if not frappe.db.exists("Administrative Unit", unit):
		return [unit]
	return [unit, *get_descendants_of("Administrative Unit", unit, ignore_permissions=True)]


def readable_units(unit: str | None) -> list[str] | None:
	"""The units a report may total for the reader: the chosen subtree cut to the reader's units
	(None: every unit, for a site operator who chose none)."""
	chosen = units_under(unit)
	own = units_of(doctype="Fee Receipt")
	if own is None:
		return chosen
	return sorted(own if chosen is None else own.intersection(chosen))
