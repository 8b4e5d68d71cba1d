import frappe

from ward_admin.setup.desk import WORKSPACES


def execute():
	"""Emulation Officers who are not also leaders or inspectors land on the Emulation workspace:
	the Service Indicators workspace they were given reads data their role cannot open."""
	has_role = frappe.qb.DocType("Has Role")
	roles_of: dict[str, set[str]] = {}
	for user, role in (
		frappe.qb.from_(has_role).select(has_role.parent, has_role.role).where(has_role.parenttype == "User")
	).run():
		roles_of.setdefault(user, set()).add(role)
	users = [
		user
		for user, roles in roles_of.items()
		if "Emulation Officer" in roles and not roles & {"Ward Leader", "Inspector"}
	]
	if users:
		user = frappe.qb.DocType("User")
		(
			frappe.qb.update(user)
			.set(user.default_workspace, WORKSPACES["emulation"])
			.where(user.name.isin(users) & (user.default_workspace == WORKSPACES["leader"]))
		).run()
