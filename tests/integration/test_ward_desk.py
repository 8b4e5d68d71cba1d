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


def sidebar(user: str) -> set[str]:
	from frappe.desk.desktop import get_workspace_sidebar_items

	frappe.set_user(user)
	try:
		return {page.name for page in get_workspace_sidebar_items()["pages"]}
	finally:
		frappe.set_user("Administrator")


def test_staff_sidebar_holds_the_ward_workspaces_only(db):
	"""Home, ERPNext Settings, Users, Build and Tools belong to modules staff need (Setup, Core,
	Automation): Frappe's workspace roles keep them to the roles that run the system."""
	from ward_admin.setup.desk import ADMIN_WORKSPACES, restrict_admin_workspaces

	restrict_admin_workspaces()
	make_ward()
	leader = make_unit_user("_desk.sidebar.leader@example.vn", "Ward Leader")
	officer = make_unit_user("_desk.sidebar.officer@example.vn", "One-Stop Officer")
	assert sidebar(leader) == {"Service Indicators", "One-Stop Shop", "Emulation"}
	assert sidebar(officer) == {"One-Stop Shop", "Emulation"}

	accountant = make_unit_user("_desk.sidebar.accounts@example.vn", "One-Stop Officer")
	frappe.get_doc("User", accountant).add_roles("Accounts User")
	assert set(ADMIN_WORKSPACES) <= sidebar(accountant)
	assert set(ADMIN_WORKSPACES) <= sidebar("Administrator")


def test_an_admins_roles_on_a_general_workspace_are_kept(db):
	from ward_admin.setup.desk import restrict_admin_workspaces

	frappe.db.delete("Has Role", {"parenttype": "Workspace", "parent": "Tools"})
	frappe.get_doc(
		{
			"doctype": "Has Role",
			"parenttype": "Workspace",
			"parentfield": "roles",
			"parent": "Tools",
			"role": "Ward Leader",
		}
	).db_insert()
	restrict_admin_workspaces()
	restrict_admin_workspaces()
	roles = frappe.get_all("Has Role", filters={"parenttype": "Workspace", "parent": "Tools"}, pluck="role")
	assert roles == ["Ward Leader"]
	assert len(frappe.get_all("Has Role", filters={"parenttype": "Workspace", "parent": "Home"})) == 3


def test_the_navbar_shows_the_apps_own_mark_and_name(db):
	from frappe.core.doctype.navbar_settings.navbar_settings import get_app_logo

	from ward_admin.setup.desk import NAVBAR_LOGO, ensure_navbar_logo

	ensure_navbar_logo()
	assert get_app_logo() == NAVBAR_LOGO
	# an admin's own logo is kept
	frappe.db.set_single_value("Navbar Settings", "app_logo", "/files/ward-logo.png")
	ensure_navbar_logo()
	assert get_app_logo() == "/files/ward-logo.png"


def test_staff_report_list_holds_the_wards_reports_only(db):
	"""Frappe lists a report without roles (or with "All") to everyone: those of the blocked
	modules get a Custom Role with the roles that read their data."""
	from frappe.boot import get_allowed_reports

	from ward_admin.setup.desk import restrict_open_reports

	restrict_open_reports()
	restrict_open_reports()
	make_ward()
	leader = make_unit_user("_desk.reports.leader@example.vn", "Ward Leader")
	accountant = make_unit_user("_desk.reports.accounts@example.vn", "One-Stop Officer")
	frappe.get_doc("User", accountant).add_roles("Accounts User")
	ward_modules = {"One Stop", "Fees", "Emulation", "Indicators", "Ward Setup"}

	def reports(user):
		frappe.set_user(user)
		try:
			frappe.cache.delete_value("has_role:Report", user=user)
			return set(get_allowed_reports())
		finally:
			frappe.set_user("Administrator")

	seen = reports(leader)
	modules = set(frappe.get_all("Report", filters={"name": ("in", list(seen))}, pluck="module"))
	assert modules <= ward_modules, modules
	assert {"Service Index", "Unit Ranking", "Dossier Register", "Fee Collection"} <= seen
	assert {"Account Balance", "Invalid Ledger Entries"} <= reports(accountant)
	assert len(frappe.get_all("Custom Role", filters={"report": "Account Balance"})) == 1
