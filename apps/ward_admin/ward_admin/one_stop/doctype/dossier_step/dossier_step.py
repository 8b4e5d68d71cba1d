# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from ward_admin.one_stop.doctype.dossier.protection import refuse_row_save
from ward_admin.one_stop.doctype.dossier.rows import InsertedWithParent


class DossierStep(InsertedWithParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allotted_hours: DF.Float
		completed_at: DF.Datetime | None
		due_at: DF.Datetime | None
		holder: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		role: DF.Link | None
		started_at: DF.Datetime | None
		step: DF.Data
		timeliness: DF.Literal["", "Early", "On Time", "Late"]
		workflow_state: DF.Link | None

	# end: auto-generated types
	def validate(self):
		refuse_row_save(self)
