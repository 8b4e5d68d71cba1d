# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class ServiceIndexDaily(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link
		day: DF.Date
		digitized: DF.Int
		fee_dossiers: DF.Int
		paid_online: DF.Int
		procedure_field: DF.Link | None
		processing_days: DF.Float
		received: DF.Int
		received_online: DF.Int
		resolved: DF.Int
		resolved_on_time: DF.Int
		timed: DF.Int
	# end: auto-generated types
	pass


def on_doctype_update():
	# the Service Index adds up a period per unit: read in the unit's order, no temporary table
	frappe.db.add_index("Service Index Daily", ["administrative_unit", "day"])
