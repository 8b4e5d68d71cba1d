# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from ward_admin.one_stop.doctype.dossier.protection import refuse_row_save


class DossierStep(Document):
	def validate(self):
		refuse_row_save(self)
