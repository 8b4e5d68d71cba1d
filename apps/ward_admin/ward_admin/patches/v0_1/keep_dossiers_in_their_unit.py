"""Sites installed before unit isolation covered every route get, once:

- the owner-unit fields of Holiday List and Assignment Rule;
- the system settings of a public body (no tracebacks to users, login lock-out);
- their dossier Assignment Rules bound to the one unit all of a rule's users belong to (a rule
  whose users span several units is disabled, with a comment saying why);
- the files attached to dossiers made private, and dossier tags stored without the applicant.
"""

import frappe

from ward_admin.permissions.scope import units_of
from ward_admin.setup.custom_fields import ensure_custom_fields
from ward_admin.setup.install import secure_system_settings


def execute():
	ensure_custom_fields()
	secure_system_settings()
	bind_assignment_rules()
	frappe.db.set_value(
		"File",
		{"attached_to_doctype": ("in", ["Dossier", "Dossier Document"]), "is_private": 0},
		"is_private",
		1,
	)
	tag_link = frappe.qb.DocType("Tag Link")
	frappe.qb.update(tag_link).set(tag_link.title, tag_link.document_name).where(
		tag_link.document_type == "Dossier"
	).run()


def bind_assignment_rules() -> None:
	for name in frappe.get_all(
		"Assignment Rule",
		filters={"document_type": "Dossier", "administrative_unit": ("is", "not set")},
		pluck="name",
	):
		rule = frappe.get_doc("Assignment Rule", name)
		units = {frozenset(units_of(row.user, "Dossier") or ()) for row in rule.users}
		common = frozenset.intersection(*units) if units else frozenset()
		unit = _topmost(common)
		if unit:
			rule.administrative_unit = unit
			rule.save(ignore_permissions=True)
		else:
			rule.db_set("disabled", 1)
			rule.add_comment(
				"Info",
				"Disabled: its users belong to different units. Give it one unit and that unit's users.",
			)


def _topmost(units: frozenset[str]) -> str | None:
	"""Of a set of units, the one every other is under (users see their unit and those below)."""
	for unit in units:
		lft, rgt = frappe.db.get_value("Administrative Unit", unit, ["lft", "rgt"])
		if all(
			frappe.db.get_value("Administrative Unit", other, "lft") >= lft
			and frappe.db.get_value("Administrative Unit", other, "rgt") <= rgt
			for other in units
		):
			return unit
	return None
