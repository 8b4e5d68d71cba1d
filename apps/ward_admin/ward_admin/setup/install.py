"""Install-time setup: idempotent steps that create defaults an admin may later edit.

Nothing here overwrites a record that already exists, so `bench migrate` keeps admins' edits.
"""

import click
import frappe

from ward_admin.portal.setup import ensure_citizen_role, open_sign_up
from ward_admin.setup.catalogue import ensure_internal_processes, ensure_procedure_catalogue
from ward_admin.setup.custom_fields import ensure_custom_fields
from ward_admin.setup.desk import (
	ensure_module_profile,
	ensure_navbar_logo,
	restrict_admin_workspaces,
	restrict_open_reports,
)
from ward_admin.setup.emulation import ensure_default_rules
from ward_admin.setup.holidays import ensure_default_holiday_list, ensure_default_working_calendar
from ward_admin.setup.indicators import ensure_rate_cards_block
from ward_admin.setup.notifications import ensure_notification_templates
from ward_admin.setup.roles import STAFF_ROLES, SYSTEM_ROLES
from ward_admin.setup.workflow import ensure_dossier_workflow


def after_install():
	try:
		ensure_custom_fields()
		create_roles()
		ensure_citizen_role()
		open_sign_up()
		secure_system_settings()
		ensure_default_holiday_list()
		ensure_default_working_calendar()
		ensure_procedure_catalogue()
		grant_holiday_list_access()
		ensure_dossier_workflow()
		ensure_internal_processes()
		grant_admin_tools()
		ensure_one_stop_settings()
		ensure_default_rules()
		ensure_rate_cards_block()
		ensure_notification_templates()
		ensure_module_profile()
		restrict_admin_workspaces()
		restrict_open_reports()
		ensure_navbar_logo()
		frappe.db.commit()
	except Exception:
		click.secho("ward_admin: installation failed; see the traceback below.", fg="red")
		raise


def after_migrate():
	ensure_custom_fields()
	create_roles()
	ensure_citizen_role()
	ensure_rate_cards_block()
	ensure_notification_templates()
	ensure_module_profile()
	restrict_admin_workspaces()
	restrict_open_reports()
	ensure_navbar_logo()


def create_roles():
	for role_name in (*STAFF_ROLES, *SYSTEM_ROLES):
		if frappe.db.exists("Role", role_name):
			continue
		frappe.get_doc(
			{
				"doctype": "Role",
				"role_name": role_name,
				"desk_access": int(role_name in STAFF_ROLES),
			}
		).insert(ignore_permissions=True)


def grant_holiday_list_access():
	"""A Ward Admin keeps the public holidays (ERPNext's Holiday List); other staff read them.

	Added once as Custom DocPerm rows, which an admin may change afterwards in Role Permissions.
	"""
	from frappe.permissions import add_permission, update_permission_property

	for role in STAFF_ROLES:
		if frappe.db.exists("Custom DocPerm", {"parent": "Holiday List", "role": role, "permlevel": 0}):
			continue
		add_permission("Holiday List", role, 0, "read")
		if role == "Ward Admin":
			for ptype in ("write", "create", "report", "export"):
				update_permission_property("Holiday List", role, 0, ptype, 1)


# What a Ward Admin may do with Frappe's tools for reshaping the one-stop shop (kept to the app's
# doctypes by ward_admin.permissions.admin_tools; the province's admins change what all wards share)
ADMIN_TOOLS = {
	"Workflow": ("read", "write", "report"),
	"Workflow State": ("read", "write", "create", "delete", "report"),
	"Workflow Action Master": ("read", "write", "create", "delete", "report"),
	# read only: a ward's admin routes dossiers in Dossier Routing, whose rules are generated
	"Assignment Rule": ("read", "report"),
	"Notification": ("read", "write", "create", "delete", "report"),
	"Print Format": ("read", "write", "create", "delete", "report"),
	# the links of those forms: roles of a transition, users of a rule
	"Role": ("select",),
	"User": ("select",),
}


# Frappe's pages of those tools (System Manager's by default): the print format builders and the
# visual workflow builder (the workflow itself stays the province's admins' to save)
ADMIN_PAGES = ("print-format-builder", "print-format-builder-beta", "workflow-builder")


def grant_admin_tools():
	"""Custom DocPerm rows for the Ward Admin, added once each: an operator may change them."""
	from frappe.permissions import add_permission, update_permission_property

	for doctype, rights in ADMIN_TOOLS.items():
		if frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": "Ward Admin", "permlevel": 0}):
			continue
		add_permission(doctype, "Ward Admin", 0, rights[0])
		if rights[0] != "read":
			update_permission_property(doctype, "Ward Admin", 0, "read", 0)
		for ptype in rights[1:]:
			update_permission_property(doctype, "Ward Admin", 0, ptype, 1)
	for page in ADMIN_PAGES:
		name = frappe.db.get_value("Custom Role", {"page": page})
		roles = frappe.get_doc("Custom Role", name) if name else frappe.new_doc("Custom Role")
		roles.page = page
		if not any(row.role == "Ward Admin" for row in roles.roles):
			roles.append("roles", {"role": "Ward Admin"})
			roles.save(ignore_permissions=True)


def secure_system_settings():
	"""What a public body's site sets before citizens' data go in: tracebacks (which carry database
	error text) are not shown to users, and repeated failed logins lock the account and the
	address for five minutes. Set once; an operator may change them afterwards."""
	settings = frappe.get_single("System Settings")
	settings.allow_error_traceback = 0
	settings.allow_consecutive_login_attempts = 5
	settings.allow_login_after_fail = 300
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)


def ensure_one_stop_settings():
	"""Save the settings once with their defaults, so code reads real values, not empty ones."""
	if frappe.db.get_singles_dict("One-Stop Settings"):
		return
	settings = frappe.get_single("One-Stop Settings")
	settings.warning_margin_hours = 4
	settings.email_alerts = 1
	settings.save(ignore_permissions=True)
