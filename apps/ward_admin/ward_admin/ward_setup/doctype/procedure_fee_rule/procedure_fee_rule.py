# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ProcedureFeeRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Currency
		cap: DF.Currency
		description: DF.SmallText | None
		first_units: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rule_type: DF.Literal["Flat", "Per Page", "Per Copy", "Exempt"]
	# end: auto-generated types
	pass
