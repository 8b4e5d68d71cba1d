"""Row-level rules: unit-scoped records, their child rows and every Frappe record pointing at them.

Applied through `ward_admin.permissions.rules`, hooks.py's one `permission_query_conditions`
(lists, reports, counts, searches) and `has_permission` (one document). A `has_permission` rule
can only deny: it returns False or None (defer to Frappe's own rules).

Three kinds of records:
- unit-scoped doctypes (hooks.py `unit_scoped_doctypes`, e.g. Dossier): a record is visible
  when its unit is one of the reader's units;
- their child tables (Dossier Document, Pause, Step, read from the doctypes): visible with their
  parent;
- Frappe's side doctypes that point at a record by (doctype, name) (hooks.py
  `record_references`): files, comments, versions, e-mails, assignments, shares, follows, tags,
  notifications, logs. A pointer at a unit-scoped record is visible only with that record; the
  ones that carry its content (files, comments, versions, e-mails) also need the right to read
  its personal data.
"""

import frappe
from frappe.query_builder.functions import Coalesce

from ward_admin.permissions.scope import (
	hidden_fields,
	is_operator,
	references,
	scoped_parent,
	scoped_tables,
	unit_scoped_doctypes,
	units_of,
)

# permission types that change a record or hand it on
WRITE_TYPES = frozenset({"write", "create", "delete", "submit", "cancel", "amend", "share"})


def _sql(criterion) -> str:
	return criterion.get_sql(quote_char="`", with_namespace=True)


def _records_in_units(doctype: str, units: frozenset[str]):
	"""Sub-query: names of `doctype` records (unit-scoped, or a child table of one) in `units`."""
	parent = scoped_parent(doctype)
	if parent:
		child, table = frappe.qb.DocType(doctype), frappe.qb.DocType(parent)
		parents = (
			frappe.qb.from_(table)
			.select(table.name)
			.where(table[unit_scoped_doctypes()[parent]].isin(sorted(units)))
		)
		return (
			frappe.qb.from_(child)
			.select(child.name)
			.where((child.parenttype == parent) & child.parent.isin(parents))
		)
	table = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table[unit_scoped_doctypes()[doctype]].isin(sorted(units)))
	)


# ---------------------------------------------------------------- unit-scoped records and child rows


def query_conditions(user: str | None = None, doctype: str | None = None, **kwargs) -> str:
	"""`permission_query_conditions` of unit-scoped doctypes and of their child tables."""
	units = units_of(user, scoped_parent(doctype) or doctype)
	if units is None:
		return ""
	if not units:
		return "1=0"
	table = frappe.qb.DocType(doctype)
	parent = scoped_parent(doctype)
	if parent:
		parents = _records_in_units(parent, units)
		return _sql((table.parenttype == parent) & table.parent.isin(parents))
	return _sql(table[unit_scoped_doctypes()[doctype]].isin(sorted(units)))


def stored_unit(doctype: str, name: str | None) -> str | None:
	"""The unit of a saved record (or of the parent of a saved child row)."""
	if not name:
		return None
	parent = scoped_parent(doctype)
	if parent:
		parent_name = frappe.db.get_value(doctype, name, "parent")
		return stored_unit(parent, parent_name) if parent_name else None
	return frappe.db.get_value(doctype, name, unit_scoped_doctypes()[doctype])


def has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""`has_permission` of unit-scoped doctypes: the record's unit must be one of the user's.

	A change is judged on the stored record as well as on the values sent: a request that
	re-points a record at the user's own unit does not pass.
	"""
	units = units_of(user, doc.doctype)
	if units is None:
		return None
	field = unit_scoped_doctypes()[doc.doctype]
	values = {doc.get(field)}
	if doc.name and not doc.is_new():
		values.add(stored_unit(doc.doctype, doc.name))
	return None if all(unit in units for unit in values) else False


def can_reach(doctype: str | None, name: str | None, user: str | None = None, content: bool = True) -> bool:
	"""May the user see the record (doctype, name), and its personal data when `content`?

	True for any record that is not unit-scoped.
	"""
	parent = scoped_parent(doctype) if doctype else None
	if not doctype or not (parent or doctype in unit_scoped_doctypes()):
		return True
	units = units_of(user, parent or doctype)
	if units is None:
		return True
	if content and hidden_fields(parent or doctype, user):
		return False
	return stored_unit(doctype, name) in units


# ---------------------------------------------------------------- records that point at them


def reference_query_conditions(user: str | None = None, doctype: str | None = None, **kwargs) -> str:
	"""`permission_query_conditions` of Frappe's side doctypes (hooks.py `record_references`)."""
	user = user or frappe.session.user
	if is_operator(user):
		return ""
	doctype_field, name_field, content = references()[doctype]
	table = frappe.qb.DocType(doctype)
	targets = [*unit_scoped_doctypes(), *scoped_tables()]
	criterion = Coalesce(table[doctype_field], "").notin(targets)
	for target in targets:
		parent = scoped_parent(target) or target
		units = units_of(user, parent)
		if not units or (content and hidden_fields(parent, user)):
			continue
		criterion |= (table[doctype_field] == target) & table[name_field].isin(
			_records_in_units(target, units)
		)
	return _sql(criterion)


def reference_has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""`has_permission` of Frappe's side doctypes: no further than the record they point at."""
	user = user or frappe.session.user
	if is_operator(user):
		return None
	doctype_field, name_field, content = references()[doc.doctype]
	if not can_reach(doc.get(doctype_field), doc.get(name_field), user, content=content):
		return False
	if doc.doctype == "Notification Log" and doc.get("for_user") != user:
		# Frappe lists only a user's own notifications but lets anyone open one by name
		return False
	return None
