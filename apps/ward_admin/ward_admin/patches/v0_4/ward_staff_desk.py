import frappe
from frappe.utils import now_datetime

from ward_admin.setup.desk import FULL_DESK_ROLES, PROFILE, ensure_module_profile, workspace_for
from ward_admin.setup.roles import STAFF_ROLES


def execute():
	"""The Ward Staff module profile, and existing staff users on it and on their workspace.
	Set-based: a province has thousands of staff users, and saving each is slow."""
	ensure_module_profile()
	blocked = [row.module for row in frappe.get_doc("Module Profile", PROFILE).block_modules]
	has_role = frappe.qb.DocType("Has Role")
	roles_of = {}
	for user, role in (
		frappe.qb.from_(has_role).select(has_role.parent, has_role.role).where(has_role.parenttype == "User")
	).run():
		roles_of.setdefault(user, set()).add(role)
	user = frappe.qb.DocType("User")
	users = (
		frappe.qb.from_(user)
		.select(user.name, user.module_profile, user.default_workspace)
		.where((user.user_type == "System User") & user.name.notin(["Administrator", "Guest"]))
	).run(as_dict=True)
	now = now_datetime()
	for row in users:
		roles = roles_of.get(row.name, set())
		workspace = workspace_for(roles)
		if not workspace or roles & FULL_DESK_ROLES or not roles & set(STAFF_ROLES):
			continue
		values = {}
		if not row.default_workspace and frappe.db.exists("Workspace", workspace):
			values["default_workspace"] = workspace
		if not row.module_profile:
			values["module_profile"] = PROFILE
			frappe.db.delete("Block Module", {"parent": row.name, "parenttype": "User"})
			frappe.db.bulk_insert(
				"Block Module",
				[
					"name",
					"parent",
					"parenttype",
					"parentfield",
					"module",
					"idx",
					"creation",
					"modified",
					"owner",
					"modified_by",
				],
				[
					(
						frappe.generate_hash(length=10),
						row.name,
						"User",
						"block_modules",
						module,
						idx,
						now,
						now,
						"Administrator",
						"Administrator",
					)
					for idx, module in enumerate(blocked, start=1)
				],
			)
		if values:
			frappe.db.set_value("User", row.name, values, update_modified=False)
	frappe.clear_cache()
