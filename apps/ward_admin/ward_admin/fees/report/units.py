"""The unit filter of the fees reports: a unit and everything under it, within the reader's own."""

from ward_admin.permissions.scope import units_of
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree


def units_under(unit: str | None) -> list[str] | None:
	"""`unit` and its descendants; None (no filter) when no unit is chosen."""
	return unit_tree.descendants(unit) if unit else None


def readable_units(unit: str | None) -> list[str] | None:
	"""The units a report may total for the reader: the chosen subtree cut to the reader's units
	(None: every unit, for a site operator who chose none)."""
	chosen = units_under(unit)
	own = units_of(doctype="Fee Receipt")
	if own is None:
		return chosen
	return sorted(own if chosen is None else own.intersection(chosen))
