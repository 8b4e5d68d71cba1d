"""Install-time setup of the portal: the Citizen role, which website users who sign up get, and
the website's footer."""

import frappe

CITIZEN_ROLE = "Citizen"
PORTAL_NAME = "Một cửa phường"


def ensure_citizen_role() -> None:
	"""A website role: no desk. New website users (sign-up) get it from Portal Settings."""
	if not frappe.db.exists("Role", CITIZEN_ROLE):
		frappe.get_doc(
			{"doctype": "Role", "role_name": CITIZEN_ROLE, "desk_access": 0, "is_custom": 0}
		).insert(ignore_permissions=True)
	elif frappe.db.get_value("Role", CITIZEN_ROLE, "desk_access"):
		frappe.db.set_value("Role", CITIZEN_ROLE, "desk_access", 0)
	if not frappe.db.get_single_value("Portal Settings", "default_role"):
		frappe.db.set_single_value("Portal Settings", "default_role", CITIZEN_ROLE)
	# the portal's pages end with the portal's name, not ERPNext's English "Powered by" and its
	# newsletter box (an admin may write another footer in Website Settings)
	if not frappe.db.get_single_value("Website Settings", "footer_powered"):
		frappe.db.set_single_value("Website Settings", "footer_powered", "Cổng dịch vụ công trực tuyến")
		frappe.db.set_single_value("Website Settings", "hide_footer_signup", 1)


def open_sign_up() -> None:
	"""Citizens open their own accounts with an e-mail address, proved by the link of the welcome
	e-mail (Frappe ships with sign-up closed). Run on install and once by a patch: an administrator
	who closes sign-up later keeps it closed. The sign-up and login pages name the portal, not
	"Frappe" (the field's shipped default), unless an administrator named it already."""
	settings = frappe.get_single("Website Settings")
	settings.disable_signup = 0
	if settings.app_name in (None, "", "Frappe"):
		settings.app_name = PORTAL_NAME
	settings.flags.ignore_permissions = True
	settings.save()


def is_citizen(user: str | None = None) -> bool:
	user = user or frappe.session.user
	return user != "Guest" and CITIZEN_ROLE in frappe.get_roles(user)


def opens_the_desk_app() -> bool:
	"""hooks.py add_to_apps_screen `has_permission`: the desk's app is for staff. Frappe sends a
	user who logs in to their first app; a citizen, who has none, goes to their portal home."""
	from frappe.utils.user import is_website_user

	return frappe.session.user == "Administrator" or not is_website_user()
