"""A fee receipt in the books: ERPNext's own Journal Entry, submitted and cancelled with it.

Debit: the account of the channel's Mode of Payment for the unit's company (cash in the till, the
treasury or bank account). Credit: the company's fee income account. Where they are set: Fee
Settings (`fee_settings.accounts_for`), which says exactly what is missing.
"""

import frappe
from frappe import _
from frappe.utils import getdate

from ward_admin.fees.doctype.fee_settings.fee_settings import accounts_for


def post(receipt) -> str:
	"""Submits the receipt's Journal Entry and returns its name."""
	accounts = accounts_for(receipt.company, receipt.payment_channel)
	posting_date = getdate(receipt.issued_at)
	remark = _("Receipt {0} no. {1} of {2}: {3} (dossier {4})").format(
		receipt.receipt_symbol, receipt.receipt_number, receipt.form_symbol, receipt.fee_type, receipt.dossier
	)
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"voucher_type": "Cash Entry" if receipt.payment_channel == "Cash" else "Bank Entry",
			"company": receipt.company,
			"posting_date": posting_date,
			"mode_of_payment": accounts.mode_of_payment,
			"cheque_no": receipt.transaction_id or f"{receipt.receipt_symbol}-{receipt.receipt_number}",
			"cheque_date": posting_date,
			"user_remark": remark,
			"fee_receipt": receipt.name,
			"accounts": [
				{
					"account": accounts.debit,
					"debit_in_account_currency": receipt.amount,
					"cost_center": accounts.cost_center,
				},
				{
					"account": accounts.credit,
					"credit_in_account_currency": receipt.amount,
					"cost_center": accounts.cost_center,
				},
			],
		}
	)
	# the officer issuing the receipt holds no accounting role: the receipt is the authority
	entry.flags.ignore_permissions = True
	# inserted as submitted: one save (validate, GL entries), not a draft saved and then submitted
	entry.submit()
	return entry.name


def cancel(receipt) -> None:
	if not receipt.journal_entry:
		return
	entry = frappe.get_doc("Journal Entry", receipt.journal_entry)
	if entry.docstatus == 1:
		entry.flags.ignore_permissions = True
		entry.cancel()
