"""A desk for a public office (issue 12): ward staff land on their workspace, not ERPNext's home,
and their sidebar shows the one-stop shop's modules, not Accounting, CRM, Buying and the rest.

Frappe's own means, not CSS: a Module Profile ("Ward Staff") that blocks ERPNext's business
modules and the website and integration tools, and each staff user's default workspace by role
(leaders, inspectors and emulation officers: Service Indicators; officers, specialists and
admins: One-Stop Shop). A user who also holds an accounting or system role keeps the full desk.
Set when a user is saved without a profile or workspace of their own; an admin may change both.

Five general workspaces belong to modules staff cannot do without (Setup holds Employee, Core holds
User and File, Automation holds Assignment Rule), so they are kept to the roles that run the
system by Frappe's workspace roles instead: ERPNext's "Home" and "ERPNext Settings", Frappe's
"Users", "Build" and "Tools". Applied on every migrate, so an ERPNext upgrade that re-imports them
gets the roles back; a workspace an admin has already given roles is left as it is.

Reports: Frappe shows every user a report that has no roles (or the role "All"), whatever its
module. Such reports of the blocked modules (ERPNext's ledgers, VAT returns, stock variance …)
get a Custom Role — Frappe's own override of a standard report's roles — with the roles that
may read the report's data (its reference doctype), so they leave ward staff's report list and
awesome bar and stay with the accountants. A report an admin gave a Custom Role is left alone.
Frappe's report list still treats a report without roles of its own as everyone's, Custom Role
or not, so such a report also gets the role System Manager of its own (applied again after an
upgrade re-imports the report).
"""

import frappe

from ward_admin.setup.roles import STAFF_ROLES

PROFILE = "Ward Staff"
BLOCKED = (
	"Accounts",
	"Assets",
	"Bulk Transaction",
	"Buying",
	"CRM",
	"Communication",
	"EDI",
	"ERPNext Integrations",
	"Maintenance",
	"Manufacturing",
	"Portal",
	"Projects",
	"Quality Management",
	"RFID",
	"Regional",
	"Selling",
	"Stock",
	"Subcontracting",
	"Support",
	"Telephony",
	"Utilities",
	"Website",
	"Integrations",
)
# roles that need ERPNext's own desk: such a user keeps it
FULL_DESK_ROLES = frozenset({"System Manager", "Accounts Manager", "Accounts User", "Administrator"})
LEADER_ROLES = ("Ward Leader", "Inspector")
WORKSPACES = {"leader": "Service Indicators", "emulation": "Emulation", "counter": "One-Stop Shop"}
ADMIN_WORKSPACES = ("Home", "ERPNext Settings", "Users", "Build", "Tools")
ADMIN_ROLES = ("System Manager", "Accounts Manager", "Accounts User")
NAVBAR_LOGO = "/assets/ward_admin/images/logo-navbar.svg"
FAVICON = "/assets/ward_admin/images/logo.svg"


def ensure_module_profile() -> None:
	existing = set(frappe.get_all("Module Def", pluck="name"))
	blocked = [module for module in BLOCKED if module in existing]
	if frappe.db.exists("Module Profile", PROFILE):
		return
	profile = frappe.get_doc(
		{
			"doctype": "Module Profile",
			"module_profile_name": PROFILE,
			"block_modules": [{"module": module} for module in blocked],
		}
	)
	profile.insert(ignore_permissions=True)


def restrict_admin_workspaces() -> None:
	"""Give the general workspaces without roles the roles that run the system (see above).

	Rows are written as Has Role records: saving a standard workspace would export it into ERPNext's
	folder on a developer's bench."""
	has_role = frappe.qb.DocType("Has Role")
	with_roles = set(
		frappe.qb.from_(has_role)
		.select(has_role.parent)
		.distinct()
		.where((has_role.parenttype == "Workspace") & has_role.parent.isin(ADMIN_WORKSPACES))
		.run(pluck=True)
	)
	existing = set(frappe.get_all("Workspace", filters={"name": ("in", ADMIN_WORKSPACES)}, pluck="name"))
	roles = [role for role in ADMIN_ROLES if frappe.db.exists("Role", role)]
	for workspace in sorted(existing - with_roles):
		for idx, role in enumerate(roles, 1):
			frappe.get_doc(
				{
					"doctype": "Has Role",
					"parenttype": "Workspace",
					"parentfield": "roles",
					"parent": workspace,
					"role": role,
					"idx": idx,
				}
			).db_insert()
		frappe.clear_document_cache("Workspace", workspace)


EVERYONE = ("All", "Guest", "Desk User")


def restrict_open_reports() -> None:
	"""A Custom Role for each report of a blocked module that every user would see (see above)."""
	report = frappe.qb.DocType("Report")
	has_role = frappe.qb.DocType("Has Role")
	custom = frappe.qb.DocType("Custom Role")
	reports = (
		frappe.qb.from_(report)
		.select(report.name, report.ref_doctype)
		.where(report.module.isin(BLOCKED))
		.where(
			report.name.notin(frappe.qb.from_(custom).select(custom.report).where(custom.report.isnotnull()))
		)
		.run(as_dict=True)
	)
	roles_of = {}
	for row in (
		frappe.qb.from_(has_role)
		.select(has_role.parent, has_role.role)
		.where((has_role.parenttype == "Report") & has_role.parent.isin([r.name for r in reports] or [""]))
		.run(as_dict=True)
	):
		roles_of.setdefault(row.parent, set()).add(row.role)
	for row in reports:
		roles = roles_of.get(row.name, set())
		if roles and not roles & set(EVERYONE):
			continue
		readers = (set(roles) | readers_of(row.ref_doctype)) - set(EVERYONE) or {"System Manager"}
		frappe.get_doc(
			{
				"doctype": "Custom Role",
				"report": row.name,
				"ref_doctype": row.ref_doctype,
				"roles": [{"role": role} for role in sorted(readers)],
			}
		).insert(ignore_permissions=True)
	# a report with no roles of its own is listed to everyone, whatever its Custom Role says
	roleless = (
		frappe.qb.from_(report)
		.select(report.name)
		.where(report.module.isin(BLOCKED))
		.where(
			report.name.isin(frappe.qb.from_(custom).select(custom.report).where(custom.report.isnotnull()))
		)
		.where(
			report.name.notin(
				frappe.qb.from_(has_role).select(has_role.parent).where(has_role.parenttype == "Report")
			)
		)
		.run(pluck=True)
	)
	for name in roleless:
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parenttype": "Report",
				"parentfield": "roles",
				"parent": name,
				"role": "System Manager",
				"idx": 1,
			}
		).db_insert()
		frappe.clear_document_cache("Report", name)


def readers_of(doctype: str | None) -> set[str]:
	"""The roles that may read `doctype` (its standard and custom permissions, level 0)."""
	if not doctype:
		return set()
	roles = set()
	for perm in ("DocPerm", "Custom DocPerm"):
		roles.update(
			frappe.get_all(perm, filters={"parent": doctype, "permlevel": 0, "read": 1}, pluck="role")
		)
	return roles


def ensure_navbar_logo() -> None:
	"""The app's own mark and name in the navbar (Frappe's Navbar Settings) and its mark as the
	site's icon (Website Settings), unless an admin set them.

	Frappe's `app_logo_url` hook cannot do it: with three apps installed it shows Frappe's."""
	if not frappe.db.get_single_value("Navbar Settings", "app_logo"):
		frappe.db.set_single_value("Navbar Settings", "app_logo", NAVBAR_LOGO)
	# and in the browser's tab (Frappe's own icon otherwise)
	if not frappe.db.get_single_value("Website Settings", "favicon"):
		frappe.db.set_single_value("Website Settings", "favicon", FAVICON)


def workspace_for(roles: set[str]) -> str | None:
	if not roles & set(STAFF_ROLES):
		return None
	if roles & set(LEADER_ROLES):
		return WORKSPACES["leader"]
	# the Emulation Officer reads no service indicator: their work is the emulation periods
	return WORKSPACES["emulation"] if "Emulation Officer" in roles else WORKSPACES["counter"]


def apply_to_user(user, method=None) -> None:
	"""User.before_validate (doc_event): staff get the profile and their workspace."""
	if user.name in ("Administrator", "Guest") or user.user_type != "System User":
		return
	roles = {row.role for row in user.get("roles") or []}
	workspace = workspace_for(roles)
	if not workspace or roles & FULL_DESK_ROLES:
		return
	if not user.module_profile and frappe.db.exists("Module Profile", PROFILE):
		user.module_profile = PROFILE
		user.set("block_modules", [])
		for row in frappe.get_doc("Module Profile", PROFILE).block_modules:
			user.append("block_modules", {"module": row.module})
	if not user.get("default_workspace") and frappe.db.exists("Workspace", workspace):
		user.default_workspace = workspace
