"""The unit filter of the fees reports: a unit and everything under it, within the reader's own."""

import frappe

from ward_admin.permissions.scope import units_of


def units_under(unit: str | None) -> list[str] | None:
	"""`unit` and its descendants; None (no filter) when no unit is chosen."""
	if not unit:
		return None
	bounds = frappe.db.get_value("Administrative Unit", unit, ["lft", "rgt"])
	if not bounds:
		return [unit]
	lft, rgt = bounds
	return frappe.get_all(
		"Administrative Unit", filters={"lft": (">=", lft), "rgt": ("<=", rgt)}, pluck="name", order_by="lft"
	)


def readable_units(unit: str | None) -> list[str] | None:
	"""The units a report may total for the reader: the chosen subtree cut to the reader's units
	(None: every unit, for a site operator who chose none)."""
	chosen = units_under(unit)
	own = units_of(doctype="Fee Receipt")
	if own is None:
		return chosen
	return sorted(own if chosen is None else own.intersection(chosen))
