"""What a ward sets up before it issues e-receipts, as the demo and the test site do it:

- for each Company: a fee income ledger, a treasury (bank) ledger, the Modes of Payment of the
  three channels with their accounts for the company, and its Fee Settings;
- receipt symbols for the year: a unit's own (the demo's wards) or the site's default;
- a unit's payment secret for the gateway's signatures (the demo's only; a real one comes from
  the gateway contract).
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

FEE_INCOME_ACCOUNT = "Thu phí, lệ phí"
TREASURY_ACCOUNT = "Tiền gửi Kho bạc"
BANK_TRANSFER = "Chuyển khoản"
ONLINE_PAYMENT = "Thanh toán trực tuyến"


def ensure_fee_settings(company: str) -> str:
	"""The company's Fee Settings, with every account and mode of payment they need."""
	if frappe.db.exists("Fee Settings", company):
		return company
	abbr = frappe.get_cached_value("Company", company, "abbr")
	income = _ledger(company, abbr, FEE_INCOME_ACCOUNT, "Income", account_type="Income Account")
	treasury = _ledger(company, abbr, TREASURY_ACCOUNT, "Asset", account_type="Bank")
	cash_account = frappe.get_cached_value("Company", company, "default_cash_account") or _ledger(
		company, abbr, "Tiền mặt", "Asset", account_type="Cash"
	)
	_mode("Cash", "Cash", company, cash_account)
	_mode(BANK_TRANSFER, "Bank", company, treasury)
	_mode(ONLINE_PAYMENT, "Bank", company, treasury)
	frappe.get_doc(
		{
			"doctype": "Fee Settings",
			"company": company,
			"fee_income_account": income,
			"cost_center": frappe.get_cached_value("Company", company, "cost_center"),
			"cash_mode_of_payment": "Cash",
			"bank_mode_of_payment": BANK_TRANSFER,
			"online_mode_of_payment": ONLINE_PAYMENT,
		}
	).insert(ignore_permissions=True)
	return company


def _ledger(company: str, abbr: str, account_name: str, root_type: str, account_type: str) -> str:
	name = f"{account_name} - {abbr}"
	if frappe.db.exists("Account", name):
		return name
	parent = _group(company, root_type, account_type)
	return (
		frappe.get_doc(
			{
				"doctype": "Account",
				"account_name": account_name,
				"company": company,
				"parent_account": parent,
				"root_type": root_type,
				"account_type": account_type,
				"account_currency": frappe.get_cached_value("Company", company, "default_currency"),
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def _group(company: str, root_type: str, account_type: str) -> str:
	"""The group a new ledger goes under: one of the same type (Bank Accounts, Direct Income) if
	the chart has it, else the root of its kind."""
	account = frappe.qb.DocType("Account")
	base = (
		frappe.qb.from_(account)
		.select(account.name)
		.where((account.company == company) & (account.root_type == root_type) & (account.is_group == 1))
		.orderby(account.lft)
		.limit(1)
	)
	preferred = {
		"Bank": account.account_type == "Bank",
		"Income Account": account.account_name == "Direct Income",
	}
	rows = base.where(preferred[account_type]).run() if account_type in preferred else []
	rows = rows or base.run()
	if not rows:
		frappe.throw(
			_("Company {0} has no {1} group in its chart of accounts").format(company, _(root_type)),
			title=_("Fee Accounts Not Set"),
		)
	return rows[0][0]


def _mode(name: str, mode_type: str, company: str, account: str) -> None:
	mode = (
		frappe.get_doc("Mode of Payment", name)
		if frappe.db.exists("Mode of Payment", name)
		else frappe.get_doc({"doctype": "Mode of Payment", "mode_of_payment": name, "type": mode_type})
	)
	if any(row.company == company for row in mode.accounts):
		return
	mode.append("accounts", {"company": company, "default_account": account})
	mode.enabled = 1
	mode.save(ignore_permissions=True)


def ensure_receipt_symbol(unit: str | None, letters: str = "AA", year: int | None = None) -> str:
	"""The default symbols of `unit` (None: the site's) for `year` (this year by default)."""
	year = year or now_datetime().year
	symbol = f"{year % 100:02d}T{letters}"
	filters = {"administrative_unit": unit or ("is", "not set"), "receipt_symbol": symbol}
	existing = frappe.db.get_value("Receipt Symbol", filters)
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Receipt Symbol",
				"administrative_unit": unit,
				"year": year,
				"form_symbol": "EBL01",
				"receipt_symbol": symbol,
				"is_default": 1,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def set_payment_secret(unit: str, secret: str) -> None:
	doc = frappe.get_doc("Administrative Unit", unit)
	doc.payment_secret = secret
	doc.flags.ignore_permissions = True
	doc.save()
