"""The desk tools a Ward Admin uses to reshape the one-stop shop without code, kept to the app.

A Ward Admin edits the Dossier workflow (its states, their national codes and actions), the
assignment rules, the notifications and the print formats of the app's doctypes (hooks.py
`admin_tool_doctypes`: doctype -> the field naming the doctype a record serves, or None for the
workflow's masters). Frappe's role permissions give them the doctypes (Custom DocPerm rows,
setup.install.grant_admin_tools); this module keeps their changes to what the app owns and to what
they may read themselves, for everyone who is not a site operator:

- a workflow, rule, notification or print format serves one of the app's doctypes; a workflow
  state or action that another app's workflow uses is not changed;
- a print format is made with the print format builder: no hand-written HTML, raw commands or
  Jinja anywhere in it (Jinja runs on the server with access to every record);
- a notification's subject, message and condition use only `doc` and the fields of its doctype
  the admin may read, with plain comparisons and a few text filters; it attaches no print of a
  record holding personal data and sets no field after sending (a notification would otherwise
  carry, or change, what the admin cannot read or write);
- nothing is exported as a standard record into the app's files.

Site operators (System Manager) keep Frappe's full tools, Role Permissions Manager included:
changing who may read personal data stays theirs.
"""

import re

import frappe
from frappe import _

from ward_admin.permissions.records import WRITE_TYPES
from ward_admin.permissions.scope import declared, hidden_fields, is_operator, is_unit_scoped
from ward_admin.services import expressions

# the text filters a notification's template may use
SAFE_FILTERS = frozenset(
	{"upper", "lower", "title", "capitalize", "trim", "default", "e", "escape", "striptags", "round", "int"}
)
JINJA_MARKERS = re.compile(r"\{\{|\{%|\{#")
STANDARD_FIELDS = frozenset({"name", "owner", "creation", "modified", "modified_by", "docstatus"})


class AdminToolError(frappe.ValidationError):
	"""A change through the admin tools outside what the app lets a Ward Admin change."""


def admin_tools() -> dict[str, str | None]:
	return declared("admin_tool_doctypes")


def app_doctypes() -> frozenset[str]:
	"""The doctypes of the app's modules."""
	modules = frappe.get_all("Module Def", filters={"app_name": "ward_admin"}, pluck="name")
	return frozenset(frappe.get_all("DocType", filters={"module": ("in", modules)}, pluck="name"))


def foreign_workflows(doc) -> list[str]:
	"""Workflows of other apps' doctypes that use this workflow state or action."""
	field, table = (
		("state", "Workflow Document State")
		if doc.doctype == "Workflow State"
		else ("action", "Workflow Transition")
	)
	parents = frappe.get_all(table, filters={field: doc.name, "parenttype": "Workflow"}, pluck="parent")
	if doc.doctype == "Workflow State":
		parents += frappe.get_all(
			"Workflow Transition", filters={"next_state": doc.name, "parenttype": "Workflow"}, pluck="parent"
		)
	if not parents:
		return []
	ours = app_doctypes()
	return [
		name
		for name, doctype in frappe.get_all(
			"Workflow", filters={"name": ("in", parents)}, fields=["name", "document_type"], as_list=True
		)
		if doctype not in ours
	]


def foreign_target(doc) -> str | None:
	"""Why `doc` is not the app's to change through the admin tools, or None."""
	field = admin_tools().get(doc.doctype)
	if field:
		target = doc.get(field)
		if target and target not in app_doctypes():
			return _("{0} serves {1}, which is not a doctype of the one-stop shop").format(
				_(doc.doctype), frappe.bold(_(target))
			)
	elif not doc.is_new() and (used_by := foreign_workflows(doc)):
		return _("{0} {1} is used by the workflows {2} of other modules").format(
			_(doc.doctype), frappe.bold(doc.name), ", ".join(frappe.bold(name) for name in used_by)
		)
	return None


def is_ward_admin(user: str | None = None) -> bool:
	"""A Ward Admin who is not a site operator: the admin tools are kept to the app for them."""
	user = user or frappe.session.user
	return not is_operator(user) and "Ward Admin" in frappe.get_roles(user)


def has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""`has_permission` of the admin tools: changes only to what serves the app's doctypes; a Ward
	Admin does not even open what serves another app's doctypes (ERPNext's site-wide notifications,
	workflows and print formats are the site operator's)."""
	if is_operator(user):
		return None
	if ptype in WRITE_TYPES or (is_ward_admin(user) and admin_tools().get(doc.doctype)):
		return False if foreign_target(doc) else None
	return None


def query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""A Ward Admin's lists of workflows, assignment rules, notifications and print formats hold
	those of the app's doctypes only."""
	field = admin_tools().get(doctype)
	if not field or not is_ward_admin(user):
		return ""
	ours = ", ".join(frappe.db.escape(name) for name in sorted(app_doctypes())) or "''"
	return f"`tab{doctype}`.`{field}` in ({ours})"


def validate(doc, method=None) -> None:
	"""doc_event (validate) of the admin tools, for everyone who is not a site operator."""
	if frappe.flags.in_install or frappe.flags.in_migrate or doc.flags.ignore_permissions or is_operator():
		return
	if reason := foreign_target(doc):
		refuse(reason)
	if doc.doctype == "Print Format":
		validate_print_format(doc)
	elif doc.doctype == "Notification":
		validate_notification(doc)


def refuse(message: str) -> None:
	frappe.throw(message, exc=AdminToolError, title=_("Not Allowed"))


# ---------------------------------------------------------------- print formats


def validate_print_format(doc) -> None:
	if doc.standard == "Yes":
		refuse(_("Only a site operator makes a standard print format"))
	if (
		doc.custom_format
		or doc.raw_printing
		or not (doc.print_format_builder or doc.print_format_builder_beta)
	):
		refuse(_("Make the print format with the print format builder: custom HTML is for site operators"))
	for fieldname in ("format_data", "html", "css", "raw_commands"):
		if JINJA_MARKERS.search(doc.get(fieldname) or ""):
			refuse(
				_(
					"Print formats made in the builder cannot hold templates ({0}): remove them from {1}"
				).format("{{ }}, {% %}", _(doc.meta.get_label(fieldname)))
			)


# ---------------------------------------------------------------- notifications


def validate_notification(doc) -> None:
	if doc.is_standard:
		refuse(_("Only a site operator makes a standard notification"))
	if doc.set_property_after_alert:
		refuse(_("A notification cannot change the document it is about: use the workflow's actions"))
	if doc.attach_print and is_unit_scoped(doc.document_type):
		refuse(
			_("A notification about {0} cannot attach its print, which holds personal data").format(
				_(doc.document_type)
			)
		)
	readable = readable_fields(doc.document_type)
	for fieldname in ("subject", "message"):
		check_template(doc.get(fieldname) or "", readable, doc.meta.get_label(fieldname))
	if doc.condition:
		check_condition(doc.condition, readable)


def readable_fields(doctype: str) -> frozenset[str]:
	"""The fields of `doctype` the session user may read, by their names."""
	meta = frappe.get_meta(doctype)
	hidden = hidden_fields(doctype)
	return (
		frozenset(
			df.fieldname
			for df in meta.fields
			if df.fieldname not in hidden and df.fieldtype not in frappe.model.no_value_fields
		)
		| STANDARD_FIELDS
	)


def check_template(text: str, readable: frozenset[str], label: str) -> None:
	"""A Jinja template that only prints the document's readable fields."""
	from jinja2 import Environment, nodes
	from jinja2.exceptions import TemplateSyntaxError

	try:
		tree = Environment().parse(text)
	except TemplateSyntaxError as e:
		refuse(_("{0} is not a valid template: {1}").format(_(label), e.message))

	allowed = (
		nodes.Template,
		nodes.Output,
		nodes.TemplateData,
		nodes.Const,
		nodes.If,
		nodes.CondExpr,
		nodes.Compare,
		nodes.Operand,
		nodes.And,
		nodes.Or,
		nodes.Not,
		nodes.Concat,
		nodes.Name,
		nodes.Getattr,
		nodes.Filter,
		nodes.Test,
		nodes.List,
		nodes.Tuple,
	)

	def visit(node) -> None:
		if not isinstance(node, allowed):
			refuse(
				_("{0} may only print fields of the document, e.g. {1}").format(_(label), "{{ doc.name }}")
			)
		if isinstance(node, nodes.Name) and node.name != "doc":
			refuse(_("{0} may only use {1}, the document").format(_(label), "doc"))
		if isinstance(node, nodes.Getattr):
			if (
				not (isinstance(node.node, nodes.Name) and node.node.name == "doc")
				or node.attr not in readable
			):
				refuse(_("{0}: {1} is not a field you may read").format(_(label), frappe.bold(node.attr)))
			return
		if isinstance(node, nodes.Filter | nodes.Test):
			if node.name not in SAFE_FILTERS | {"none", "defined", "undefined", "number", "string"}:
				refuse(_("{0}: the filter {1} is not allowed").format(_(label), frappe.bold(node.name)))
			if node.kwargs or node.dyn_args or node.dyn_kwargs:
				refuse(_("{0}: the filter {1} is not allowed").format(_(label), frappe.bold(node.name)))
		for child in node.iter_child_nodes():
			visit(child)

	visit(tree)


def check_condition(expression: str, readable: frozenset[str]) -> None:
	"""A Python condition that only compares the document's readable fields with constants (the
	`notification_condition` grammar of ward_admin.services.expressions)."""
	try:
		expressions.check(expression, expressions.notification_condition(readable))
	except expressions.ExpressionError as e:
		if e.reason in ("syntax", "empty"):
			refuse(_("The condition is not a valid expression"))
		if e.reason == "unknown_name":
			refuse(_("{0} may only use {1}, the document").format(_("Condition"), "doc"))
		if e.reason == "unknown_field":
			refuse(_("{0}: {1} is not a field you may read").format(_("Condition"), frappe.bold(e.detail)))
		refuse(
			_("The condition may only compare fields of the document, e.g. {0}").format(
				"doc.status_code == 9"
			)
		)
