"""Test-site preparation: the `before_tests` hook, also run once by `./ward test`.

It completes ERPNext's setup wizard for a Vietnamese public body, runs ERPNext's own test
preparation (defaults, roles for Administrator), and installs ward_admin's defaults.
"""

import frappe
from frappe.utils import now_datetime

from ward_admin.setup.catalogue import ensure_procedure_catalogue
from ward_admin.setup.custom_fields import ensure_custom_fields
from ward_admin.setup.fees import ensure_fee_settings, ensure_receipt_symbol
from ward_admin.setup.holidays import ensure_default_working_calendar
from ward_admin.setup.install import create_roles, ensure_one_stop_settings, secure_system_settings
from ward_admin.setup.roles import STAFF_ROLES
from ward_admin.setup.wizard import complete_setup_wizard

TEST_COMPANY = "_Test UBND Phường"
READY_FLAG = "ward_admin_test_site_ready"


def prepare() -> None:
	frappe.clear_cache()
	complete_setup_wizard(TEST_COMPANY, "_TUP")

	from erpnext.setup.utils import before_tests as erpnext_before_tests

	erpnext_before_tests()
	ensure_custom_fields()
	create_roles()
	secure_system_settings()
	ensure_default_working_calendar()
	ensure_procedure_catalogue()
	ensure_one_stop_settings()
	prepare_fees()
	frappe.db.set_default(READY_FLAG, "1")
	frappe.db.commit()


def prepare_fees() -> None:
	"""Every company posts fee receipts out of the box; units without symbols of their own use
	the site's for last year, this year and next year."""
	for company in frappe.get_all("Company", pluck="name"):
		ensure_fee_settings(company)
	year = now_datetime().year
	for each in (year - 1, year, year + 1):
		ensure_receipt_symbol(None, "AA", each)


def is_ready() -> bool:
	return bool(frappe.db.get_default(READY_FLAG)) and all(
		frappe.db.exists("Role", role) for role in STAFF_ROLES
	)
