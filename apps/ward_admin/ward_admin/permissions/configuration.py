"""Province and ward administration, modelled on the unit tree.

Configuration is readable by all staff (calendars and the procedure catalogue are public
information). Changing it needs, on top of the role's Frappe permission, administering the unit
that owns the record (hooks.py `unit_owned_configuration`: doctype -> the Link field naming the
owner unit, or None when the doctype is always shared):

- a record with an owner unit is changed by admins of that unit or of a unit above it: a ward
  admin keeps their ward's calendar and assignment rules, the province's admins keep everything;
- a record with no owner (the national catalogue, the province's calendar and holidays, the
  dossier workflow, the one-stop settings) belongs to the province: only admins of a top-level
  unit change it;
- an Administrative Unit is owned by its parent: the province creates and restructures wards.
  A ward's admins may still change their own unit's settings (its `UNIT_SETTINGS`).
"""

import frappe
from frappe import _

from ward_admin.permissions.records import WRITE_TYPES
from ward_admin.permissions.scope import UNIT_DOCTYPE, administers, declared, is_operator, units_of

# the fields of an Administrative Unit that its own admins keep (the rest is the parent's)
UNIT_SETTINGS = frozenset({"working_calendar"})


class NotYourUnitError(frappe.PermissionError):
	"""A change to configuration that another unit (usually the province) owns."""


def configuration_owners() -> dict[str, str | None]:
	return declared("unit_owned_configuration")


def owner_unit(doc) -> str | None:
	field = configuration_owners().get(doc.doctype)
	return doc.get(field) if field else None


def stored_owner_unit(doc) -> str | None:
	field = configuration_owners().get(doc.doctype)
	if not field or doc.is_new() or doc.meta.issingle:
		return None
	return frappe.db.get_value(doc.doctype, doc.name, field)


def has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""`has_permission` of configuration doctypes: changes need the owner unit's administration."""
	if ptype not in WRITE_TYPES or is_operator(user):
		return None
	return False if foreign_owner(doc, user) is not None else None


def foreign_owner(doc, user: str | None = None) -> tuple[str | None] | None:
	"""(owner,) when the change to `doc` needs a unit the user does not administer, else None."""
	owners = {owner_unit(doc), stored_owner_unit(doc)} if not doc.is_new() else {owner_unit(doc)}
	if doc.doctype == UNIT_DOCTYPE and not doc.is_new() and doc.name in (units_of(user) or ()):
		# a unit's own admins may change its settings, not its place in the tree
		if not structural_changes(doc):
			return None
	for owner in owners:
		if not administers(owner, user):
			return (owner,)
	return None


def structural_changes(doc) -> list[str]:
	"""Fields of a saved unit, other than its own settings, that the request changes."""
	before = frappe.get_doc(doc.doctype, doc.name)
	return [
		df.fieldname
		for df in doc.meta.fields
		if df.fieldname not in UNIT_SETTINGS
		and df.fieldtype not in ("Section Break", "Column Break", "Tab Break", "Password")
		and (doc.get(df.fieldname) or None) != (before.get(df.fieldname) or None)
	]


def validate_owner(doc, method=None) -> None:
	"""doc_event (validate) of configuration doctypes: a clear message rather than a bare 403,
	and no moving a record to a unit the user does not administer."""
	if frappe.flags.in_install or frappe.flags.in_migrate or doc.flags.ignore_permissions or is_operator():
		return
	if foreign := foreign_owner(doc):
		frappe.throw(
			_("{0} {1} belongs to {2}: only its administrators can change it").format(
				_(doc.doctype),
				frappe.bold(doc.name or _("(new)")),
				frappe.bold(foreign[0] or _("the province")),
			),
			exc=NotYourUnitError,
			title=_("Not Your Unit"),
		)


def onload(doc, method=None) -> None:
	"""doc_event (onload, "*"), for configuration doctypes: the form tells a user who may not change
	the record whose it is, and shows it read-only (the server refuses the change anyway)."""
	if doc.doctype not in configuration_owners() or is_operator() or frappe.session.user == "Guest":
		return
	doc.set_onload("can_change", foreign_owner(doc) is None)
	owner = None
	if foreign := foreign_owner(doc):
		owner = foreign[0]
	elif doc.doctype == UNIT_DOCTYPE and not doc.is_new() and not administers(stored_owner_unit(doc)):
		# a ward's admins keep their own unit's settings; the rest of it is the province's
		owner = stored_owner_unit(doc)
		doc.set_onload("editable_fields", sorted(UNIT_SETTINGS))
	else:
		return
	doc.set_onload(
		"owned_by", frappe.get_cached_value(UNIT_DOCTYPE, owner, "unit_name") if owner else _("the province")
	)
