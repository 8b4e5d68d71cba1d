"""What a client may change on a dossier: the server owns its clock, codes and control sheet.

Frappe enforces permission levels and "set only once" on the server, but not read-only fields
nor the workflow's "only this role edits in this state". A dossier is saved by the desk form,
by REST, by `frappe.client.set_value` / `save`, by bulk edits and by workflow actions, each of
which can send any field. So, on every save that does not come from the app's own server code:

- read-only fields (the legal clock, status code, timeliness, fees, the control sheet's steps
  and pauses) and Frappe's bookkeeping columns (owner, creation, assignments, comments cache)
  keep their stored values, or are empty on a new dossier; the app's rules then set them;
- the documents checklist keeps the procedure's mandatory documents as mandatory;
- an edit that is not a workflow transition needs the state's "Only Allow Edit For" role,
  and a dossier in a final state (refused, withdrawn, stopped, returned) is not edited at all.

Server code that sets protected fields itself saves with `ignore_permissions=True`, after its
own permission check.
"""

import frappe
from frappe import _

from ward_admin.one_stop.doctype.dossier.legal_clock import procedure_of
from ward_admin.permissions.scope import references
from ward_admin.services import dossier_states as codes

# Frappe's bookkeeping columns that only Frappe itself writes (through the database, not a save)
BOOKKEEPING_FIELDS = ("owner", "creation", "_assign", "_comments", "_liked_by", "_seen", "_user_tags")
# the workflow's state field is changed through transitions, which Frappe checks
WORKFLOW_FIELD = "status"


class ClosedDossierError(frappe.ValidationError):
	"""An edit of a dossier in a final state."""


class WorkflowEditError(frappe.PermissionError):
	"""An edit by a role the workflow does not let edit in the dossier's state."""


def is_trusted(doc) -> bool:
	flags = frappe.flags
	return bool(
		doc.flags.ignore_permissions
		or flags.in_install
		or flags.in_migrate
		or flags.in_patch
		or flags.in_import
	)


def protected_fields(meta) -> list[str]:
	return [
		df.fieldname
		for df in meta.fields
		if df.read_only
		and df.fieldname != WORKFLOW_FIELD
		and df.fieldtype not in ("Section Break", "Column Break")
	]


def protect(doc) -> None:
	"""Called first in Dossier.validate."""
	if is_trusted(doc):
		return
	before = None if doc.is_new() else doc.get_doc_before_save()
	if before is not None:
		check_edit_rights(doc, before)
	for fieldname in protected_fields(doc.meta):
		if doc.meta.get_field(fieldname).fieldtype in frappe.model.table_fields:
			rows = before.get(fieldname) if before is not None else []
			doc.set(fieldname, [row.as_dict() for row in rows])
		else:
			doc.set(fieldname, before.get(fieldname) if before is not None else None)
	if before is not None:
		for fieldname in BOOKKEEPING_FIELDS:
			doc.set(fieldname, before.get(fieldname))
	protect_checklist(doc, before)


def protect_checklist(doc, before) -> None:
	"""Mandatory documents stay in the checklist, marked mandatory; others are never mandatory."""
	if before is None:
		required = (
			{row.document_name: row.mandatory for row in procedure_of(doc).documents} if doc.procedure else {}
		)
	else:
		required = {row.document_name: row.mandatory for row in before.documents}
	present = set()
	for row in doc.documents:
		row.mandatory = 1 if required.get(row.document_name) else 0
		present.add(row.document_name)
	for name, mandatory in required.items():
		if mandatory and name not in present:
			doc.append("documents", {"document_name": name, "mandatory": 1})


def check_edit_rights(doc, before) -> None:
	"""An edit outside a transition: not in a final state, and only by the state's editor role."""
	if doc.get(WORKFLOW_FIELD) != before.get(WORKFLOW_FIELD) or not edited_fields(doc, before):
		return
	if before.status_code in codes.FINAL:
		frappe.throw(
			_("Dossier {0} is closed ({1}): it can no longer be changed").format(
				doc.name, _(before.get(WORKFLOW_FIELD))
			),
			exc=ClosedDossierError,
			title=_("Dossier Closed"),
		)
	if frappe.session.user == "Administrator":
		return
	from frappe.model.workflow import get_workflow_name

	workflow = get_workflow_name(doc.doctype)
	if not workflow:
		return
	editor = next(
		(
			row.allow_edit
			for row in frappe.get_cached_doc("Workflow", workflow).states
			if row.state == before.get(WORKFLOW_FIELD)
		),
		None,
	)
	if editor and editor not in frappe.get_roles():
		frappe.throw(
			_("In state {0} only {1} may change Dossier {2}").format(
				_(before.get(WORKFLOW_FIELD)), _(editor), doc.name
			),
			exc=WorkflowEditError,
			title=_("Not Permitted"),
		)


def edited_fields(doc, before) -> list[str]:
	"""Fields a client may set that differ from the stored dossier (documents rows included)."""
	skip = set(protected_fields(doc.meta)) | {WORKFLOW_FIELD}
	changed = []
	for df in doc.meta.fields:
		if df.fieldname in skip or df.fieldtype in ("Section Break", "Column Break", "Tab Break"):
			continue
		if df.fieldtype in frappe.model.table_fields:
			if _rows(doc.get(df.fieldname)) != _rows(before.get(df.fieldname)):
				changed.append(df.fieldname)
		elif (doc.get(df.fieldname) or None) != (before.get(df.fieldname) or None):
			if not _same_number(doc.get(df.fieldname), before.get(df.fieldname)):
				changed.append(df.fieldname)
	return changed


def _rows(rows) -> list[tuple]:
	editable = []
	for row in rows or []:
		values = row.as_dict() if hasattr(row, "as_dict") else dict(row)
		editable.append(
			tuple(
				(key, values.get(key) or None)
				for key in sorted(values)
				if key not in frappe.model.default_fields
				and key not in frappe.model.child_table_fields
				and not key.startswith("__")
			)
		)
	return editable


def _same_number(a, b) -> bool:
	try:
		return float(a or 0) == float(b or 0)
	except (TypeError, ValueError):
		return False


class DossierRowError(frappe.ValidationError):
	"""A row of a dossier's table saved on its own, bypassing the dossier's rules."""


def refuse_row_save(row) -> None:
	"""`validate` of the dossier's child doctypes. Frappe runs a row's own `validate` only when
	the row is saved by itself (REST, the v2 API), never when its dossier is saved."""
	if row.flags.ignore_permissions:
		return
	frappe.throw(
		_("Rows of a dossier are changed through the dossier {0}").format(row.parent or ""),
		exc=DossierRowError,
		title=_("Not Allowed"),
	)


def remove_traces(doc) -> None:
	"""On deleting a dossier (Administrator only, by role permissions): its assignments, shares,
	follows, tags, notifications, history, comments, e-mails and logs (hooks.py
	`record_references`) go with it, in the same transaction. Frappe would delete some in a background job after commit and only unlink the
	e-mails and activity log, which keep the citizen's data."""
	for doctype, (doctype_field, name_field, _content) in references().items():
		if doctype != "File":  # Frappe deletes a record's attachments itself
			frappe.db.delete(doctype, {doctype_field: doc.doctype, name_field: doc.name})
