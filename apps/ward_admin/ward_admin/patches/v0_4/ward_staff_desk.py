import frappe

from ward_admin.setup.desk import ensure_module_profile
from ward_admin.setup.roles import STAFF_ROLES


def execute():
	"""The Ward Staff module profile, and existing staff users on it and on their workspace."""
	ensure_module_profile()
	users = frappe.get_all(
		"Has Role", filters={"role": ("in", STAFF_ROLES), "parenttype": "User"}, pluck="parent", distinct=True
	)
	for name in users:
		user = frappe.get_doc("User", name)
		before = (user.module_profile, user.get("default_workspace"))
		user.run_method("before_validate")
		if (user.module_profile, user.get("default_workspace")) != before:
			user.flags.ignore_permissions = True
			user.save()
