# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from ward_admin.one_stop.doctype.dossier.protection import refuse_row_save
from ward_admin.one_stop.doctype.dossier.rows import InsertedWithParent


class DossierDocument(InsertedWithParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		digitized: DF.Check
		document_name: DF.SmallText
		file: DF.Attach | None
		mandatory: DF.Check
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		received: DF.Check

	# end: auto-generated types
	def validate(self):
		refuse_row_save(self)
