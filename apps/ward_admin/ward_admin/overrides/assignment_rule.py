"""Assignment Rules for unit-scoped records: one unit's records go only to that unit's staff.

Frappe's rules are province-wide: a rule that picks "specialists of civil status" would hand a
ward's dossier, and with it the citizen's personal data, to a specialist of another ward. A rule
for a unit-scoped doctype therefore names its unit (custom field `administrative_unit`):

- every user of the rule must belong to that unit (or a unit above it) and be able to read the
  doctype;
- the rule only fires for records of that unit and the units under it: its assign condition is
  kept prefixed with that test, which the admin sees in the form.

An assignment that would still cross units (a user moved to another ward after the rule was
saved) is refused by `ward_admin.permissions.documents.validate_assignment`.
"""

import re

import frappe
from frappe import _

from ward_admin.permissions.scope import in_scope, unit_scoped_doctypes
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree


class AssignmentOutsideUnitError(frappe.ValidationError):
	"""An Assignment Rule that would assign records of one unit to staff of another."""


def admin_condition(condition: str | None, field: str) -> str:
	"""The condition the admin wrote, without the unit test this module adds in front of it."""
	condition = (condition or "").strip()
	guard = re.compile(rf"^{re.escape(field)} in \[[^\]]*\] and \((?P<condition>.*)\)$", re.DOTALL)
	match = guard.match(condition)
	return match.group("condition") if match else condition


def validate(doc, method=None) -> None:
	"""Assignment Rule.validate"""
	field = unit_scoped_doctypes().get(doc.document_type)
	if not field:
		return
	if not doc.get("administrative_unit"):
		frappe.throw(
			_("Choose the Administrative Unit whose {0} this rule assigns").format(_(doc.document_type)),
			exc=AssignmentOutsideUnitError,
			title=_("Missing Unit"),
		)
	for row in doc.users:
		if not in_scope(doc.administrative_unit, row.user, doc.document_type) or not frappe.has_permission(
			doc.document_type, "read", user=row.user
		):
			frappe.throw(
				_(
					"{0} cannot be assigned {1} of {2}: they are not staff of that unit who may read them"
				).format(row.user, _(doc.document_type), doc.administrative_unit),
				exc=AssignmentOutsideUnitError,
				title=_("Not Allowed"),
			)
	units = unit_tree.descendants(doc.administrative_unit)
	condition = admin_condition(doc.assign_condition, field) or "True"
	doc.assign_condition = f"{field} in {units!r} and ({condition})"
