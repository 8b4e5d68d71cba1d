"""Install-time setup: idempotent steps that create defaults an admin may later edit.

Nothing here overwrites a record that already exists, so `bench migrate` keeps admins' edits.
"""

import click
import frappe

from ward_admin.setup.holidays import ensure_default_holiday_list, ensure_default_working_calendar
from ward_admin.setup.roles import STAFF_ROLES


def after_install():
	try:
		create_roles()
		ensure_default_holiday_list()
		ensure_default_working_calendar()
		frappe.db.commit()
	except Exception:
		click.secho("ward_admin: installation failed; see the traceback below.", fg="red")
		raise


def after_migrate():
	create_roles()


def before_uninstall():
	pass


def create_roles():
	for role_name in STAFF_ROLES:
		if frappe.db.exists("Role", role_name):
			continue
		frappe.get_doc(
			{
				"doctype": "Role",
				"role_name": role_name,
				"desk_access": 1,
			}
		).insert(ignore_permissions=True)
