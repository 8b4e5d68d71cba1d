"""A new dossier's rows in one INSERT per child table.

Frappe inserts a new document's child rows one statement each; a counter receipt writes a
dossier with its checklist (about five documents) and its internal process (a step each), so
most of the receipt's database time was those single-row INSERTs. `Dossier.db_insert` writes the
dossier, then each child table's rows with one multi-row INSERT (`frappe.db.bulk_insert`), the
same columns and values Frappe's own `db_insert` would write; the rows' `db_insert` then has
nothing left to do. Only new dossiers take this path: later saves go through Frappe unchanged.
"""

import frappe
from frappe.model.naming import set_new_name


def insert_rows(doc) -> None:
	"""Called by Dossier.db_insert once the dossier's own row is written."""
	by_doctype: dict[str, list] = {}
	for row in doc.get_all_children():
		by_doctype.setdefault(row.doctype, []).append(row)
	for doctype, rows in by_doctype.items():
		values = []
		for row in rows:
			if not row.name:
				# rows appended while the dossier was validated (its process steps) are named here,
				# as Frappe's own db_insert would
				set_new_name(row)
			if not row.creation:
				row.creation = row.modified = doc.creation
				row.owner = row.modified_by = doc.owner
			values.append(row.get_valid_dict(convert_dates_to_str=True, ignore_virtual=True))
		columns = list(values[0])
		frappe.db.bulk_insert(doctype, columns, [[value.get(c) for c in columns] for value in values])
		for row in rows:
			row.flags.inserted_with_parent = True
			row.set("__islocal", False)


class InsertedWithParent:
	"""Mixin of the dossier's row controllers: a row the dossier already inserted is not inserted
	again."""

	def db_insert(self, *args, **kwargs):
		if self.flags.inserted_with_parent:
			self.flags.inserted_with_parent = False
			return
		return super().db_insert(*args, **kwargs)
