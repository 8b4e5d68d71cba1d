"""What the permission rules apply to, a user's units and personal-data access: the facts every
permission rule of the app reads.

- What each rule applies to is declared once, in hooks.py's own keys: `unit_scoped_doctypes`,
  `record_references`, `unit_owned_configuration`, `admin_tool_doctypes`. `declared` reads them;
  the child tables of a unit-scoped doctype are read from its definition (`scoped_tables`).
- A user belongs to the units named by their User Permissions on Administrative Unit, and to
  every unit below those in the tree (Frappe adds the descendants unless the permission says
  "hide descendants"). A province officer therefore sees every ward; a ward officer their ward.
- A staff user with no unit sees no unit-scoped record at all: the rules fail closed.
- Site operators (Administrator and the System Manager role) are not restricted by unit.
- Personal data are the fields of a permlevel the user's roles cannot read.
"""

import frappe
from frappe.utils.caching import request_cache

from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

OPERATOR_ROLES = frozenset({"System Manager"})
UNIT_DOCTYPE = "Administrative Unit"


def is_operator(user: str | None = None) -> bool:
	user = user or frappe.session.user
	if user == "Administrator":
		return True
	return bool(OPERATOR_ROLES.intersection(frappe.get_roles(user)))


# ---------------------------------------------------------------- what hooks.py declares


def declared(hook: str) -> dict:
	"""One of the app's declaring hook keys as one mapping: Frappe collects each key's values from
	every app into a list, of which the last app's value wins."""
	return {key: values[-1] for key, values in (frappe.get_hooks(hook) or {}).items() if values}


def unit_scoped_doctypes() -> dict[str, str]:
	"""{doctype: the Link field to Administrative Unit that scopes its records}."""
	return declared("unit_scoped_doctypes")


def references() -> dict[str, tuple[str, str, bool]]:
	"""{Frappe doctype that points at a record: (the field naming the record's doctype, the field
	naming the record, whether it carries the record's content)}."""
	return {doctype: tuple(fields) for doctype, fields in declared("record_references").items()}


@request_cache
def scoped_tables() -> dict[str, str]:
	"""{child table: the unit-scoped doctype it belongs to}, read from the doctypes' definitions."""
	return {child: parent for parent in unit_scoped_doctypes() for child in child_doctypes(parent)}


def scoped_parent(doctype: str | None) -> str | None:
	"""The unit-scoped doctype whose child table `doctype` is, if any."""
	return scoped_tables().get(doctype) if doctype else None


def child_doctypes(doctype: str) -> tuple[str, ...]:
	return tuple(df.options for df in frappe.get_meta(doctype).get_table_fields())


def is_unit_scoped(doctype: str | None) -> bool:
	return bool(doctype) and (doctype in unit_scoped_doctypes() or bool(scoped_parent(doctype)))


# ---------------------------------------------------------------- a user's units


def units_of(user: str | None = None, doctype: str | None = None) -> frozenset[str] | None:
	"""The units whose records `user` may see; None when the user is not restricted by unit.

	Frappe keeps each user's permissions, descendants included, in Redis; the unit tree
	(`unit_tree.clear`) drops them when it changes.
	"""
	from frappe.core.doctype.user_permission.user_permission import get_user_permissions

	user = user or frappe.session.user
	if is_operator(user):
		return None
	if user == "Guest":
		return frozenset()
	return frozenset(
		p.get("doc")
		for p in get_user_permissions(user).get(UNIT_DOCTYPE, [])
		if not p.get("applicable_for") or p.get("applicable_for") == doctype
	)


def in_scope(unit: str | None, user: str | None = None, doctype: str | None = None) -> bool:
	units = units_of(user, doctype)
	return units is None or (bool(unit) and unit in units)


def administers(owner_unit: str | None, user: str | None = None) -> bool:
	"""May `user` administer what `owner_unit` owns? An empty owner is the province's: shared
	configuration that only admins of a top-level unit (or operators) change."""
	units = units_of(user)
	if units is None:
		return True
	if not owner_unit:
		return bool(units.intersection(unit_tree.roots()))
	return owner_unit in units


def readable_levels(doctype: str, user: str | None = None, parenttype: str | None = None) -> frozenset[int]:
	meta = frappe.get_meta(doctype)
	if meta.istable and not parenttype:
		parenttype = scoped_parent(doctype)
	return frozenset(
		meta.get_permlevel_access("read", parenttype=parenttype, user=user or frappe.session.user)
	)


def hidden_fields(doctype: str, user: str | None = None, parenttype: str | None = None) -> frozenset[str]:
	"""Fields of `doctype` the user may not read (their permlevel is not among the user's)."""
	user = user or frappe.session.user
	if user == "Administrator":
		return frozenset()
	meta = frappe.get_meta(doctype)
	high = meta.get_high_permlevel_fields()
	if not high:
		return frozenset()
	levels = readable_levels(doctype, user, parenttype)
	return frozenset(df.fieldname for df in high if df.permlevel not in levels)


def reads_personal_data(doctype: str, user: str | None = None) -> bool:
	"""Can the user read every field of the doctype, personal data included?"""
	return not hidden_fields(doctype, user)
