"""A desk for a public office (issue 12): ward staff land on their workspace, with the one-stop
shop's modules and without ERPNext's business modules; accountants and system managers keep the
full desk."""

import frappe
from dossier_factory import make_unit_user, make_ward

from ward_admin.setup.desk import PROFILE


def test_staff_get_the_ward_desk_by_role(db):
	make_ward()
	leader = frappe.get_doc("User", make_unit_user("_desk.profile.leader@example.vn", "Ward Leader"))
	officer = frappe.get_doc("User", make_unit_user("_desk.profile.officer@example.vn", "One-Stop Officer"))
	assert (leader.module_profile, leader.default_workspace) == (PROFILE, "Service Indicators")
	assert (officer.module_profile, officer.default_workspace) == (PROFILE, "One-Stop Shop")
	blocked = {row.module for row in officer.block_modules}
	assert {"Accounts", "CRM", "Buying", "Selling", "Stock"} <= blocked
	assert not blocked & {"One Stop", "Fees", "Emulation", "Indicators", "Ward Setup"}


def test_an_accountant_keeps_the_full_desk(db):
	make_ward()
	email = make_unit_user("_desk.profile.accounts@example.vn", "One-Stop Officer")
	user = frappe.get_doc("User", email)
	user.module_profile = None
	user.set("block_modules", [])
	user.default_workspace = None
	user.append("roles", {"role": "Accounts User"})
	user.save()
	assert not user.module_profile and not user.block_modules
