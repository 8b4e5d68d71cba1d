"""One call of the payment gateway's callback, accepted or not (written by `fee_receipt.online`).
Never the unit's secret: the signature proves nothing without it."""

import frappe
from frappe.model.document import Document


class OnlinePaymentLog(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		amount: DF.Data | None
		dossier: DF.Data | None
		fee_receipt: DF.Link | None
		paid_at: DF.Data | None
		reason: DF.Data | None
		remote_address: DF.Data | None
		result: DF.Literal["Accepted", "Rejected"]
		transaction_id: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		if not self.is_new():
			frappe.throw(frappe._("The payment log is not edited"), exc=frappe.PermissionError)
