"""An electronic receipt of a fee or charge (biên lai điện tử; Decree 254/2026 Art 23, Circular
91/2026; docs/contract.md, "Fee Receipt").

A draft consumes no number. Submitting issues it: the number of its unit, receipt symbol and
calendar year (from 1, gap-free under concurrency: `ward_admin.numbering`), the signing time
of the collecting organisation, and a Journal Entry from the channel's Mode of Payment account to
the company's fee income account (`accounting.py`). Cancelling it needs a reason and cancels its
entry; a receipt issued with `replaces` set cancels the old one as Replaced. Receipts are never
deleted. Online receipts are issued only by the payment gateway's callback (`online.py`).
"""

import secrets

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.query_builder.functions import Sum
from frappe.utils import cint, flt, now_datetime

from ward_admin.fees.doctype.fee_receipt import accounting
from ward_admin.fees.doctype.receipt_symbol.receipt_symbol import check_symbols, default_symbols
from ward_admin.numbering import next_sequence
from ward_admin.printing import format_number
from ward_admin.services import receipts

DEFAULT_FORM_SYMBOL = "EBL01"

# fields only the server sets: what a client sends for them is ignored
SYSTEM_FIELDS = (
	"administrative_unit",
	"company",
	"amount_in_words",
	"receipt_number",
	"receipt_key",
	"status",
	"issued_at",
	"issued_by",
	"signed_by",
	"signed_at",
	"journal_entry",
	"replaced_by",
	"cancel_reason",
	"verification_token",
)


class FeeReceiptError(frappe.ValidationError):
	"""A receipt that may not be issued, cancelled or replaced as asked."""


class ReceiptAmountError(FeeReceiptError):
	"""An amount that is not a whole positive number of đồng, or more than the fee still unpaid."""


class ReceiptChannelError(FeeReceiptError):
	"""An Online receipt made by hand, or a transfer without its reference, or a reference used twice."""


class MissingReceiptSymbolError(FeeReceiptError):
	"""No symbol on the receipt and none set for its unit and year."""


class ReceiptNumbersExhaustedError(FeeReceiptError):
	"""The 99,999,999 numbers of a symbol and year are used up."""


class CancelReasonRequiredError(FeeReceiptError):
	"""A receipt cancelled without a written reason."""


class ReplacementError(FeeReceiptError):
	"""`replaces` names a receipt of another dossier, or one that is not issued."""


class ReceiptNotDeletableError(FeeReceiptError):
	"""Receipts are cancelled or replaced, never deleted."""


class FeeReceipt(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		amount: DF.Currency
		amount_in_words: DF.SmallText | None
		cancel_reason: DF.SmallText | None
		company: DF.Link | None
		dossier: DF.Link
		fee_type: DF.Data | None
		form_symbol: DF.Data | None
		issued_at: DF.Datetime | None
		issued_by: DF.Link | None
		journal_entry: DF.Link | None
		paid_at: DF.Datetime | None
		payer_name: DF.Data
		payment_channel: DF.Literal["Cash", "Bank Transfer", "Online"]
		receipt_key: DF.Data | None
		receipt_number: DF.Int
		receipt_symbol: DF.Data | None
		replaced_by: DF.Link | None
		replaces: DF.Link | None
		signed_at: DF.Datetime | None
		signed_by: DF.Data | None
		status: DF.Literal["Draft", "Issued", "Cancelled", "Replaced"]
		transaction_id: DF.Data | None
		verification_token: DF.Data | None
	# end: auto-generated types

	# the Journal Entry points back at the receipt (custom field `fee_receipt`); it is cancelled
	# by the receipt itself
	ignore_linked_doctypes = ("Journal Entry",)

	def validate(self) -> None:
		self.keep_system_fields()
		dossier = self.dossier_values()
		self.administrative_unit = dossier.administrative_unit
		self.company = company_of(dossier.administrative_unit)
		self.payer_name = (self.payer_name or dossier.applicant_name or "").strip()
		self.fee_type = (self.fee_type or "").strip() or frappe.get_cached_value(
			"Administrative Procedure", dossier.procedure, "procedure_name"
		)
		self.validate_amount(dossier)
		self.validate_channel()
		self.amount_in_words = receipts.amount_in_words(cint(self.amount))
		self.validate_replaces()
		if self.docstatus == 0:
			self.status = "Draft"
			self.fill_symbols(now_datetime().year)
			if not self.verification_token:
				self.verification_token = secrets.token_urlsafe(24)

	def keep_system_fields(self) -> None:
		before = self.get_doc_before_save() if not self.is_new() else None
		for fieldname in SYSTEM_FIELDS:
			self.set(fieldname, before.get(fieldname) if before else None)

	def dossier_values(self) -> frappe._dict:
		# the dossier's row stays locked until the transaction ends: two receipts of one dossier
		# issued at once cannot both fit in what is unpaid
		dossier = frappe.db.get_value(
			"Dossier",
			self.dossier,
			["name", "administrative_unit", "applicant_name", "procedure", "fee_amount"],
			as_dict=True,
			for_update=True,
		)
		if not dossier:
			frappe.throw(
				_("Dossier {0} does not exist").format(frappe.bold(self.dossier)),
				exc=frappe.DoesNotExistError,
			)
		if not self.flags.via_gateway:
			# the receipt takes the dossier's unit: the dossier must be the user's to read
			frappe.has_permission("Dossier", "read", doc=self.dossier, throw=True)
		return dossier

	def validate_amount(self, dossier) -> None:
		amount = flt(self.amount)
		if amount <= 0 or amount != int(amount):
			frappe.throw(_("The amount is a whole positive number of đồng"), exc=ReceiptAmountError)
		self.amount = int(amount)
		unpaid = outstanding(dossier.name, dossier.fee_amount, exclude=(self.name, self.replaces))
		if self.amount > unpaid:
			frappe.throw(
				_("Dossier {0} has {1} đồng of its fee unpaid: a receipt of {2} đồng is more").format(
					frappe.bold(dossier.name),
					format_number(unpaid),
					format_number(self.amount),
				),
				exc=ReceiptAmountError,
			)

	def validate_channel(self) -> None:
		self.transaction_id = (self.transaction_id or "").strip() or None
		if self.payment_channel == "Online" and not self.flags.via_gateway:
			frappe.throw(
				_("Online receipts are issued by the payment gateway when the citizen pays"),
				exc=ReceiptChannelError,
			)
		if self.payment_channel == "Cash":
			self.transaction_id = None
			return
		if not self.transaction_id:
			frappe.throw(_("Enter the bank's or gateway's reference of the payment"), exc=ReceiptChannelError)
		other = frappe.db.get_value(
			"Fee Receipt",
			{
				"payment_channel": self.payment_channel,
				"transaction_id": self.transaction_id,
				"docstatus": 1,
				"status": "Issued",
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("Payment {0} already has receipt {1}").format(frappe.bold(self.transaction_id), other),
				exc=ReceiptChannelError,
			)

	def validate_replaces(self) -> None:
		if not self.replaces:
			return
		old = frappe.db.get_value(
			"Fee Receipt", self.replaces, ["dossier", "docstatus", "status"], as_dict=True
		)
		if not old or old.dossier != self.dossier or old.docstatus != 1 or old.status != "Issued":
			frappe.throw(
				_("Receipt {0} is not an issued receipt of dossier {1}").format(
					frappe.bold(self.replaces), frappe.bold(self.dossier)
				),
				exc=ReplacementError,
			)

	def fill_symbols(self, year: int) -> None:
		"""The symbols given on the receipt when valid for the year, else the unit's for the year."""
		self.form_symbol = (self.form_symbol or "").strip().upper() or None
		self.receipt_symbol = (self.receipt_symbol or "").strip().upper() or None
		default = default_symbols(self.administrative_unit, year)
		if self.receipt_symbol and not receipts.is_receipt_symbol(self.receipt_symbol, year):
			previous = default_symbols(self.administrative_unit, year - 1)
			if default and previous and self.receipt_symbol == previous.receipt_symbol:
				# a draft of December issued in January takes the new year's symbol
				self.receipt_symbol = None
		if not self.receipt_symbol:
			if not default:
				frappe.throw(
					_(
						"Unit {0} has no receipt symbol for {1}: add one in Receipt Symbol (form symbol such"
						" as EBL01, receipt symbol such as {2}TAB) and mark it the default of the year"
					).format(frappe.bold(self.administrative_unit), year, f"{year % 100:02d}"),
					exc=MissingReceiptSymbolError,
					title=_("Receipt Symbol Missing"),
				)
			self.receipt_symbol = default.receipt_symbol
			self.form_symbol = self.form_symbol or default.form_symbol
		# the form without face value, unless the unit says otherwise
		self.form_symbol = self.form_symbol or (default.form_symbol if default else DEFAULT_FORM_SYMBOL)
		check_symbols(self.form_symbol, self.receipt_symbol, year)

	# ---------------------------------------------------------------- issuing

	def before_submit(self) -> None:
		issued_at = now_datetime()
		self.fill_symbols(issued_at.year)
		key = f"FR|{self.administrative_unit}|{self.receipt_symbol}|{issued_at.year}"
		number = next_sequence(key)
		if number > receipts.MAX_RECEIPT_NUMBER:
			frappe.throw(
				_("The receipt numbers of symbol {0} for {1} are used up").format(
					self.receipt_symbol, issued_at.year
				),
				exc=ReceiptNumbersExhaustedError,
			)
		self.receipt_number = number
		self.receipt_key = f"{key}|{number}"
		self.issued_at = issued_at
		self.paid_at = self.paid_at or issued_at
		self.issued_by = None if self.flags.via_gateway else frappe.session.user
		# the collecting organisation's signature: its name and the signing time (the e-receipt
		# provider's signing service takes this place when the unit registers one)
		self.signed_by = frappe.get_cached_value("Company", self.company, "company_name")
		self.signed_at = issued_at
		self.status = "Issued"
		# posted before the receipt's row is written, so the row carries its entry from the start
		self.journal_entry = accounting.post(self)

	def on_submit(self) -> None:
		if self.replaces:
			old = frappe.get_doc("Fee Receipt", self.replaces)
			old.flags.replaced_by = self.name
			old.flags.ignore_permissions = True
			# this receipt names the old one in `replaces`: that link is the point, not an obstacle
			old.ignore_linked_doctypes = (*self.ignore_linked_doctypes, "Fee Receipt")
			old.cancel()

	# ---------------------------------------------------------------- cancelling

	@frappe.whitelist()
	def cancel_receipt(self, reason: str | None = None) -> None:
		"""The form's Cancel: a receipt is cancelled with the reason written on it."""
		self.check_permission("cancel")
		self.flags.cancel_reason = (reason or "").strip()
		self.cancel()

	def before_cancel(self) -> None:
		if self.flags.replaced_by:
			self.status = "Replaced"
			self.replaced_by = self.flags.replaced_by
			self.cancel_reason = _("Replaced by receipt {0}").format(self.flags.replaced_by)
			return
		if not self.flags.cancel_reason:
			frappe.throw(_("Write why the receipt is cancelled"), exc=CancelReasonRequiredError)
		self.status = "Cancelled"
		self.cancel_reason = self.flags.cancel_reason

	def on_cancel(self) -> None:
		accounting.cancel(self)

	def on_trash(self) -> None:
		frappe.throw(_("Receipts are cancelled or replaced, never deleted"), exc=ReceiptNotDeletableError)

	def get_verification_url(self) -> str:
		return frappe.utils.get_url(f"/bien-lai/{self.verification_token}")


def company_of(unit: str) -> str | None:
	"""The Company that collects for the unit: its own, else the nearest unit's above it, else the
	site's default company."""
	seen = set()
	while unit and unit not in seen:
		seen.add(unit)
		values = frappe.get_cached_value(
			"Administrative Unit", unit, ["company", "parent_administrative_unit"], as_dict=True
		)
		if not values:
			break
		if values.company:
			return values.company
		unit = values.parent_administrative_unit
	return frappe.defaults.get_global_default("company")


def outstanding(dossier: str, fee_amount, exclude=()) -> int:
	"""The dossier's fee not yet covered by issued receipts (those named in `exclude` left out)."""
	return max(int(flt(fee_amount)) - paid(dossier, exclude), 0)


def paid(dossier: str, exclude=()) -> int:
	table = frappe.qb.DocType("Fee Receipt")
	query = (
		frappe.qb.from_(table)
		.select(Sum(table.amount))
		.where((table.dossier == dossier) & (table.docstatus == 1) & (table.status == "Issued"))
	)
	names = [name for name in exclude if name]
	if names:
		query = query.where(table.name.notin(names))
	return int(flt(query.run()[0][0]))


def on_doctype_update() -> None:
	frappe.db.add_index("Fee Receipt", ["administrative_unit", "issued_at"])
	frappe.db.add_index("Fee Receipt", ["payment_channel", "transaction_id"])
