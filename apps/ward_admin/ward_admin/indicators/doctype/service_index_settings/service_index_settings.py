# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ServiceIndexSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		weight_digitization: DF.Float
		weight_on_time: DF.Float
		weight_online_payment: DF.Float
		weight_online_receipt: DF.Float
		weight_rating: DF.Float
	# end: auto-generated types
	pass
