"""The symbols of a unit's e-receipts in a year (Circular 91/2026): the form symbol (EBL01) and
the receipt symbol (26TAB). One default per unit and year fills receipts that carry none."""

import frappe
from frappe import _
from frappe.model.document import Document

from ward_admin.services import receipts


class InvalidReceiptSymbolError(frappe.ValidationError):
	"""A form or receipt symbol that does not follow Circular 91/2026, or is of another year."""


class ReceiptSymbol(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		form_symbol: DF.Data
		is_default: DF.Check
		receipt_symbol: DF.Data
		year: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		self.form_symbol = (self.form_symbol or "").strip().upper()
		self.receipt_symbol = (self.receipt_symbol or "").strip().upper()
		check_symbols(self.form_symbol, self.receipt_symbol, self.year)
		duplicate = frappe.db.get_value(
			"Receipt Symbol",
			{
				"administrative_unit": self.administrative_unit or ("is", "not set"),
				"receipt_symbol": self.receipt_symbol,
				"name": ("!=", self.name or ""),
			},
		)
		if duplicate:
			frappe.throw(
				_("Receipt symbol {0} is already set for this unit").format(frappe.bold(self.receipt_symbol)),
				exc=InvalidReceiptSymbolError,
			)
		if self.is_default:
			self.clear_other_defaults()

	def clear_other_defaults(self) -> None:
		table = frappe.qb.DocType("Receipt Symbol")
		same_owner = (
			table.administrative_unit == self.administrative_unit
			if self.administrative_unit
			else table.administrative_unit.isnull()
		)
		(
			frappe.qb.update(table)
			.set(table.is_default, 0)
			.where(same_owner & (table.year == self.year) & (table.name != (self.name or "")))
		).run()


def check_symbols(form_symbol: str | None, receipt_symbol: str | None, year: int) -> None:
	if not receipts.is_form_symbol(form_symbol):
		frappe.throw(
			_("Form symbol {0} is not EBL followed by 2 digits (e.g. EBL01)").format(
				frappe.bold(form_symbol or "-")
			),
			exc=InvalidReceiptSymbolError,
		)
	if not receipts.is_receipt_symbol(receipt_symbol):
		frappe.throw(
			_(
				"Receipt symbol {0} is not 2 digits of the year, T and two letters of A B C D E G H K L M N"
				" P Q R S T U V X Y (e.g. 26TAB)"
			).format(frappe.bold(receipt_symbol or "-")),
			exc=InvalidReceiptSymbolError,
		)
	if not receipts.is_receipt_symbol(receipt_symbol, year):
		frappe.throw(
			_("Receipt symbol {0} is not of year {1}: it starts with the year's last two digits").format(
				frappe.bold(receipt_symbol), year
			),
			exc=InvalidReceiptSymbolError,
		)


def default_symbols(unit: str | None, year: int) -> frappe._dict | None:
	"""The default symbols of the year of the unit, else of the nearest unit above it that has
	some, else the site's (a Receipt Symbol without a unit: a province registering one symbol for
	all its wards)."""
	seen = set()
	while unit and unit not in seen:
		seen.add(unit)
		row = _default_of(unit, year)
		if row:
			return row
		unit = frappe.db.get_value("Administrative Unit", unit, "parent_administrative_unit")
	return _default_of(None, year)


def _default_of(unit: str | None, year: int) -> frappe._dict | None:
	table = frappe.qb.DocType("Receipt Symbol")
	query = (
		frappe.qb.from_(table)
		.select(table.form_symbol, table.receipt_symbol)
		.where((table.year == year) & (table.is_default == 1))
		.limit(1)
	)
	query = query.where(table.administrative_unit == unit if unit else table.administrative_unit.isnull())
	rows = query.run(as_dict=True)
	return rows[0] if rows else None
