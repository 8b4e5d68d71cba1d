"""doc_events on Frappe's side doctypes, so a unit-scoped record is never handed outside its unit.

- A share grants read even where this app's `has_permission` hook denies (Frappe checks shares
  after the hooks): a record is shared only with users of its unit, never with "everyone".
- An assignment (ToDo) goes only to a user of the record's unit whose roles may read it;
  Frappe would otherwise share the record with the assignee.
- A follow (Document Follow) e-mails the record's changes: only to users who may read all of it.
- A file is attached to a unit-scoped record only by someone who may reach the record, and a
  private file of this site is attached again (by URL) only by someone who may already open it.
  Its bytes are private (`ward_admin.overrides.file`), and so is every file an Attach field of
  such a record or of its rows names.
- A tag (Tag Link) stores the record's title, which Frappe lets every user list: for unit-scoped
  records it stores the record's name instead.
"""

import frappe
from frappe import _

from ward_admin.permissions.records import can_reach
from ward_admin.permissions.scope import hidden_fields, in_scope, is_unit_scoped, references, scoped_parent


class OutsideUnitError(frappe.ValidationError):
	"""Handing a unit-scoped record to someone outside its unit."""


def _unit_of(doctype: str, name: str) -> str | None:
	from ward_admin.permissions.records import stored_unit

	return stored_unit(doctype, name)


def _may_read(user: str, doctype: str, name: str, personal_data: bool) -> bool:
	parent = scoped_parent(doctype) or doctype
	if not frappe.has_permission(parent, "read", user=user):
		return False
	if personal_data and hidden_fields(parent, user):
		return False
	return in_scope(_unit_of(doctype, name), user, parent)


def validate_share(doc, method=None) -> None:
	"""DocShare.validate"""
	if not is_unit_scoped(doc.share_doctype):
		return
	if doc.everyone:
		frappe.throw(
			_("{0} {1} cannot be shared with everyone").format(_(doc.share_doctype), doc.share_name),
			exc=OutsideUnitError,
			title=_("Not Allowed"),
		)
	if doc.user and not _may_read(doc.user, doc.share_doctype, doc.share_name, personal_data=False):
		frappe.throw(
			_("{0} {1} can only be shared with staff of its unit who may read it, not with {2}").format(
				_(doc.share_doctype), doc.share_name, doc.user
			),
			exc=OutsideUnitError,
			title=_("Not Allowed"),
		)


def validate_assignment(doc, method=None) -> None:
	"""ToDo.validate"""
	if not (doc.reference_type and doc.reference_name and doc.allocated_to):
		return
	if not is_unit_scoped(doc.reference_type) or doc.status == "Cancelled":
		return
	if not _may_read(doc.allocated_to, doc.reference_type, doc.reference_name, personal_data=False):
		frappe.throw(
			_("{0} {1} can only be assigned to staff of its unit who may read it, not to {2}").format(
				_(doc.reference_type), doc.reference_name, doc.allocated_to
			),
			exc=OutsideUnitError,
			title=_("Not Allowed"),
		)


def validate_follow(doc, method=None) -> None:
	"""Document Follow.validate"""
	if is_unit_scoped(doc.ref_doctype) and not _may_read(
		doc.user, doc.ref_doctype, doc.ref_docname, personal_data=True
	):
		frappe.throw(
			_("{0} may not follow {1} {2}").format(doc.user, _(doc.ref_doctype), doc.ref_docname),
			exc=OutsideUnitError,
			title=_("Not Allowed"),
		)


def protect_file(doc, method=None) -> None:
	"""File.validate: attachments of unit-scoped records stay in their unit."""
	if is_unit_scoped(doc.attached_to_doctype):
		if (
			doc.is_new()
			and not doc.flags.ignore_permissions
			and not can_reach(doc.attached_to_doctype, doc.attached_to_name)
		):
			frappe.throw(
				_("You cannot attach files to {0} {1}").format(
					_(doc.attached_to_doctype), doc.attached_to_name
				),
				exc=frappe.PermissionError,
			)
	if doc.is_new() and doc.file_url and not doc.get("content") and not doc.flags.ignore_permissions:
		check_file_copy(doc.file_url)


def check_file_copy(file_url: str) -> None:
	"""A new File that points at a private file of this site copies it for its owner."""
	if not file_url.startswith("/private/") or frappe.session.user == "Administrator":
		return
	from frappe.core.doctype.file.utils import find_file_by_url

	if not find_file_by_url(file_url):
		frappe.throw(_("You cannot attach a file you are not allowed to open"), exc=frappe.PermissionError)


class PublicAttachmentError(frappe.ValidationError):
	"""An Attach field of a unit-scoped record naming a public file."""


ATTACH_TYPES = ("Attach", "Attach Image")


def keep_attachments_private(doc, method=None) -> None:
	"""doc_event (validate) of every doctype: an Attach field of a unit-scoped record, or of one of
	its rows, names a private file of this site (or none). The desk uploads them so; a public file
	named here would be served to anyone."""
	if not is_unit_scoped(doc.doctype):
		return
	for row in (doc, *doc.get_all_children()):
		for df in row.meta.fields:
			value = row.get(df.fieldname) if df.fieldtype in ATTACH_TYPES else None
			if value and not is_private_address(value):
				frappe.throw(
					_("{0}: attach the file itself, as a private file, not the public address {1}").format(
						_(df.label or df.fieldname), frappe.bold(str(value)[:140])
					),
					exc=PublicAttachmentError,
					title=_("Invalid Attachment"),
				)


def is_private_address(value) -> bool:
	"""A private file of this site, or a file elsewhere (whose bytes this site does not serve)."""
	return isinstance(value, str) and value.startswith(("/private/files/", "http://", "https://"))


def file_has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""`has_permission` of File: a private file whose content is attached to a record the user may
	not reach is not theirs to open either, whoever owns this copy of it."""
	from ward_admin.permissions.records import reference_has_permission

	if reference_has_permission(doc, ptype, user) is False:
		return False
	if not doc.file_url or not doc.is_private:
		return None
	doctype_field, name_field, _content = references()["File"]
	for other in frappe.get_all(
		"File",
		filters={"file_url": doc.file_url, "name": ("!=", doc.name or "")},
		fields=[doctype_field, name_field],
	):
		if is_unit_scoped(other[doctype_field]) and not can_reach(
			other[doctype_field], other[name_field], user
		):
			return False
	return None


def title_tag(doc, method=None) -> None:
	"""Tag Link.before_insert"""
	if is_unit_scoped(doc.document_type):
		doc.title = doc.document_name
