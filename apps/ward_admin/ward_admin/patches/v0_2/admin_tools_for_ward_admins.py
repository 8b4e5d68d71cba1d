"""Ward Admins of sites installed before get Frappe's tools for the app's workflow, assignment
rules, notifications and print formats (Custom DocPerm rows, once)."""

from ward_admin.setup.install import grant_admin_tools


def execute():
	grant_admin_tools()
