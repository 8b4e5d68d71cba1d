"""No list query may name a personal-data column its reader cannot read.

Frappe removes such columns from a query's plain `fields`, but not from filters, `or_filters`,
sort, group-by or field expressions, so any list, count, report or search route becomes a
guessing oracle ("which dossiers have an ID number starting 0791?") or returns the value
inside an expression. Every such query of Frappe goes through `DatabaseQuery.prepare_args`,
which turns the request into SQL fragments after Frappe's own field-level filtering: this
module checks those fragments, for the unit-scoped doctypes and their child tables, and refuses
the query (403) if one names a column of a permission level the user's roles cannot read.

The check wraps that one method, installed explicitly at the start of every request and
background job (hooks.py `before_request` / `before_job` -> `ward_admin.framework.install`);
a test fails if Frappe stops calling it.
"""

import re

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery

from ward_admin.permissions.scope import hidden_fields, is_unit_scoped, scoped_parent

TABLE_NAME = re.compile(r"`tab([^`]+)`")


class PersonalDataQueryError(frappe.PermissionError):
	"""A query that filters, sorts, groups or computes on personal data its reader cannot see."""


def doctypes_of(query: DatabaseQuery, args) -> set[str]:
	"""The doctypes a query reads: its own, joined child tables and linked tables."""
	doctypes = {query.doctype}
	for table in (args.get("tables") or "", *(getattr(query, "tables", None) or [])):
		doctypes.update(TABLE_NAME.findall(table))
	doctypes.update(link.doctype for link in getattr(query, "link_tables", None) or [])
	return doctypes


def forbidden_columns(query: DatabaseQuery, args) -> list[str]:
	user = query.user or frappe.session.user
	hidden = set()
	for doctype in doctypes_of(query, args):
		if is_unit_scoped(doctype):
			parent = query.doctype if scoped_parent(doctype) == query.doctype else None
			hidden |= hidden_fields(doctype, user, parenttype=parent or scoped_parent(doctype))
	if not hidden:
		return []
	text = " ".join(str(args.get(key) or "") for key in ("fields", "conditions", "group_by", "order_by"))
	return sorted(field for field in hidden if re.search(rf"\b{re.escape(field)}\b", text))


def check_filter_columns(query: DatabaseQuery) -> None:
	"""A filter on a child-table column of a doctype that is not a child table answers with a
	clear message, not the database's "unknown column" (a server error)."""
	if query.doctype_meta.istable:
		return
	filters = []
	for group in (query.filters, query.or_filters):
		filters += list(group.items()) if isinstance(group, dict) else list(group or [])
	for condition in filters:
		if isinstance(condition, tuple):  # (field, value) of a dict of filters
			fieldname = condition[0]
		elif isinstance(condition, list) and len(condition) == 3:  # [field, operator, value]
			fieldname = condition[0]
		elif isinstance(condition, list) and len(condition) > 3 and condition[0] == query.doctype:
			fieldname = condition[1]  # [doctype, field, operator, value]
		else:
			continue
		if fieldname in ("parent", "parentfield", "parenttype") and fieldname not in query.columns:
			frappe.throw(
				_("{0} has no field {1} to filter on").format(_(query.doctype), fieldname),
				exc=frappe.DataError,
				title=_("Invalid Filter"),
			)


def check(query: DatabaseQuery, args) -> None:
	if query.flags.ignore_permissions:
		return
	if columns := forbidden_columns(query, args):
		frappe.throw(
			_("You cannot search, sort or group {0} by personal data you are not allowed to see: {1}").format(
				_(query.doctype), ", ".join(columns)
			),
			exc=PersonalDataQueryError,
			title=_("Not Permitted"),
		)


def install() -> None:
	"""Wrap `DatabaseQuery.prepare_args` once per process (idempotent)."""
	frappes = DatabaseQuery.prepare_args
	if getattr(frappes, "wrapped_by_ward_admin", False):
		return

	def prepare_args(self):
		if getattr(self, "columns", None):
			check_filter_columns(self)
		args = frappes(self)
		check(self, args)
		return args

	prepare_args.wrapped_by_ward_admin = True
	prepare_args.__wrapped__ = frappes
	DatabaseQuery.prepare_args = prepare_args
