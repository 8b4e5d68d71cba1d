"""Where a company's fee receipts post (one record per Company): its fee income account, cost
center and the Mode of Payment of each payment channel, whose account for the company is debited."""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import get_link_to_form

# payment channel of a receipt -> the field naming its Mode of Payment
CHANNEL_FIELDS = {
	"Cash": "cash_mode_of_payment",
	"Bank Transfer": "bank_mode_of_payment",
	"Online": "online_mode_of_payment",
}


class FeeSettingsMissingError(frappe.ValidationError):
	"""A company without Fee Settings, or a Mode of Payment without an account for the company."""


class InvalidFeeSettingsError(frappe.ValidationError):
	"""An account or cost center of another company, or of the wrong kind."""


class FeeSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		bank_mode_of_payment: DF.Link
		cash_mode_of_payment: DF.Link
		company: DF.Link
		cost_center: DF.Link | None
		fee_income_account: DF.Link
		online_mode_of_payment: DF.Link
	# end: auto-generated types

	def validate(self) -> None:
		income = frappe.db.get_value(
			"Account", self.fee_income_account, ["company", "root_type", "is_group"], as_dict=True
		)
		if not income or income.company != self.company or income.root_type != "Income" or income.is_group:
			frappe.throw(
				_("The fee income account must be an Income ledger (not a group) of company {0}").format(
					frappe.bold(self.company)
				),
				exc=InvalidFeeSettingsError,
			)
		if (
			self.cost_center
			and frappe.db.get_value("Cost Center", self.cost_center, "company") != self.company
		):
			frappe.throw(
				_("Cost center {0} is not of company {1}").format(
					frappe.bold(self.cost_center), frappe.bold(self.company)
				),
				exc=InvalidFeeSettingsError,
			)
		for fieldname in CHANNEL_FIELDS.values():
			debit_account(self, fieldname)


def settings_of(company: str | None) -> "FeeSettings":
	if not company or not frappe.db.exists("Fee Settings", company):
		frappe.throw(
			_(
				"Company {0} has no Fee Settings: create them (Fee Settings, company {0}) with its fee"
				" income account and the Mode of Payment of each channel"
			).format(frappe.bold(company or "-")),
			exc=FeeSettingsMissingError,
			title=_("Fee Accounts Not Set"),
		)
	return frappe.get_cached_doc("Fee Settings", company)


def debit_account(settings, fieldname: str) -> str:
	"""The account of the channel's Mode of Payment for the settings' company."""
	mode = settings.get(fieldname)
	account = frappe.db.get_value(
		"Mode of Payment Account", {"parent": mode, "company": settings.company}, "default_account"
	)
	if not account:
		frappe.throw(
			_(
				"Mode of Payment {0} has no default account for company {1}: add it in its Accounts table"
			).format(get_link_to_form("Mode of Payment", mode), frappe.bold(settings.company)),
			exc=FeeSettingsMissingError,
			title=_("Fee Accounts Not Set"),
		)
	return account


def accounts_for(company: str, channel: str) -> frappe._dict:
	"""Debit, credit and cost center of a receipt of `channel` in `company`."""
	settings = settings_of(company)
	cost_center = settings.cost_center or frappe.get_cached_value("Company", company, "cost_center")
	return frappe._dict(
		mode_of_payment=settings.get(CHANNEL_FIELDS[channel]),
		debit=debit_account(settings, CHANNEL_FIELDS[channel]),
		credit=settings.fee_income_account,
		cost_center=cost_center,
	)
