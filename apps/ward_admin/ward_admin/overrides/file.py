"""Frappe's File, whose bytes are private from the first write when it belongs to a unit-scoped
record (a dossier's attachment holds a citizen's papers).

Frappe writes an upload's bytes in `File.before_insert`, under public/files unless the row says
private, and moves them in its own `validate` when `is_private` changes, before any app's
doc_event: a file uploaded to a dossier with `is_private=0` kept a public `/files/...` address a
guest could download, whatever the row said afterwards. Here the row is private before Frappe
writes or moves anything, on every path that makes or changes a File (`upload_file`,
`frappe.client.attach_file`, REST, the desk):

- a new File attached to a unit-scoped record is written under private/files; one that points
  at a public file of this site is given its own private copy (the public one stays as it was);
- a File of such a record edited afterwards stays private; a File attached to one from now on
  has its bytes moved under private/files, and its address changes with them.

A dossier row's Attach field may hold only such a private file
(`ward_admin.permissions.documents.keep_attachments_private`). Registered in hooks.py
`override_doctype_class`; ward_admin.framework lists it with the app's other overrides.
"""

from frappe.core.doctype.file.file import File

from ward_admin.permissions.scope import is_unit_scoped


class WardFile(File):
	def before_insert(self):
		if self.holds_unit_data():
			if self.file_url and self.file_url.startswith("/files/") and not self.get("content"):
				# the public file's bytes, written again under private/files by Frappe's save
				self.content = self.get_content()
				self.file_url = None
			self.is_private = 1
		super().before_insert()

	def validate(self):
		if self.holds_unit_data():
			self.is_private = 1
		super().validate()

	def holds_unit_data(self) -> bool:
		return not self.is_folder and is_unit_scoped(self.attached_to_doctype)
