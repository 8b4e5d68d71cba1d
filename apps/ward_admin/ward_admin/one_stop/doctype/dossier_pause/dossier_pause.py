# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from ward_admin.one_stop.doctype.dossier.protection import refuse_row_save
from ward_admin.one_stop.doctype.dossier.rows import InsertedWithParent


class DossierPause(InsertedWithParent, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		ended_at: DF.Datetime | None
		ended_by: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		pause_type: DF.Literal["Supplement", "Payment"]
		reason: DF.SmallText | None
		started_at: DF.Datetime | None
		started_by: DF.Link | None
		working_hours: DF.Float

	# end: auto-generated types
	def validate(self):
		refuse_row_save(self)
