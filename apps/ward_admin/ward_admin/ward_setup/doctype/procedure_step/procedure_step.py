# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ProcedureStep(Document):
	pass
