# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from ward_admin.arguments import MissingReasonError
from ward_admin.emulation import points

CORRECTORS = frozenset({"Emulation Officer", "System Manager"})


class LedgerError(frappe.ValidationError):
	"""An edit or deletion of a ledger entry: corrections are reversing entries."""


class EmulationPointEntry(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		dossier: DF.Link | None
		employee: DF.Link | None
		employee_name: DF.Data | None
		entry_key: DF.Data | None
		event: DF.Literal[
			"Dossier Resolved Early",
			"Dossier Resolved On Time",
			"Dossier Resolved Late",
			"Step Late",
			"Supplement Requested",
			"Apology Issued",
			"Citizen Rating",
			"Dossier Overdue",
			"Custom",
		]
		name: DF.Int | None
		points: DF.Float
		posting_date: DF.Date | None
		reason: DF.SmallText | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		reversed_by: DF.Link | None
		reverses: DF.Link | None
		rule: DF.Link | None
		user: DF.Link | None
	# end: auto-generated types

	def validate(self):
		if not self.is_new():
			frappe.throw(
				_("Point entries are never changed: reverse the entry instead"),
				exc=LedgerError,
				title=_("Not Allowed"),
			)
		if not self.flags.from_ledger:
			frappe.throw(
				_("Point entries are written by the emulation rules"), exc=LedgerError, title=_("Not Allowed")
			)

	def on_trash(self):
		frappe.throw(_("Point entries are never deleted: reverse the entry instead"), exc=LedgerError)

	@frappe.whitelist(methods=["POST"])
	def reverse(self, reason: str) -> str:
		"""A reversing entry (the Emulation Officer's correction); returns its name."""
		self.check_permission("read")
		if not CORRECTORS.intersection(frappe.get_roles()):
			frappe.throw(_("Only the Emulation Officer corrects points"), exc=frappe.PermissionError)
		if not (reason or "").strip():
			frappe.throw(
				_("Write why the points are reversed"), exc=MissingReasonError, title=_("Missing Information")
			)
		return points.reverse(self, reason.strip())


def on_doctype_update():
	# a unit's points over dates: the Staff KPI report and closing a period
	frappe.db.add_index("Emulation Point Entry", ["administrative_unit", "posting_date"])
