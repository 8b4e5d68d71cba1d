"""Completing ERPNext's setup wizard from code, for the demo and test sites."""

import frappe
from frappe import _
from frappe.utils import now_datetime


class SetupWizardError(frappe.ValidationError):
	"""ERPNext's setup wizard did not complete."""


VIETNAM_DEFAULTS = {
	"country": "Vietnam",
	"currency": "VND",
	"timezone": "Asia/Ho_Chi_Minh",
	"language": "English",
	"chart_of_accounts": "Standard",
}


def complete_setup_wizard(company_name: str, company_abbr: str, **overrides) -> None:
	"""Run ERPNext's setup wizard once, for a Vietnamese public body; a no-op when a company exists."""
	if frappe.db.a_row_exists("Company"):
		return

	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	year = now_datetime().year
	args = {
		**VIETNAM_DEFAULTS,
		"company_name": company_name,
		"company_abbr": company_abbr,
		"fy_start_date": f"{year}-01-01",
		"fy_end_date": f"{year}-12-31",
		**overrides,
	}
	result = setup_complete(args)
	if result and result.get("status") != "ok":
		frappe.throw(_("ERPNext's setup wizard failed: {0}").format(result), exc=SetupWizardError)
	frappe.clear_cache()
