"""The files of unit-scoped records uploaded before their bytes were kept private: moved under
private/files, and the Attach fields of the records' rows that named them follow.

Saving the File (ward_admin.overrides.file) moves its bytes and changes its address; Frappe
updates the other File rows of the same bytes and a top-level Attach field of the record itself.
A file that cannot be moved (missing on disk, or a private one of the same name already there)
is left as it is and logged for an operator.
"""

import frappe

from ward_admin.permissions.documents import ATTACH_TYPES
from ward_admin.permissions.scope import scoped_tables, unit_scoped_doctypes


def execute():
	doctypes = list(unit_scoped_doctypes())
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": ("in", doctypes), "is_private": 0, "is_folder": 0},
		fields=["name", "file_url"],
	)
	for file in files:
		if not (file.file_url or "").startswith("/files/"):
			continue
		try:
			doc = frappe.get_doc("File", file.name)
			doc.is_private = 1
			doc.save(ignore_permissions=True)
		except Exception:
			frappe.log_error(title=f"ward_admin: file {file.name} of a unit-scoped record kept public")
			continue
		for table in scoped_tables():
			for df in frappe.get_meta(table).fields:
				if df.fieldtype in ATTACH_TYPES:
					frappe.db.set_value(
						table,
						{df.fieldname: file.file_url},
						df.fieldname,
						doc.file_url,
						update_modified=False,
					)
