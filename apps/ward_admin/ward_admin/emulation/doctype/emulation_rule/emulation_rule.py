# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from ward_admin.emulation import points
from ward_admin.services import expressions

# the numeric fields a rule may multiply its points by, per document the event is about
NUMERIC = ("Int", "Float", "Currency", "Percent", "Check")


class InvalidRuleError(frappe.ValidationError):
	"""A rule whose condition, multiplier or credit cannot work."""


class EmulationRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		condition: DF.Code | None
		credit_to: DF.Literal["Receiving Officer", "Assignee", "Step Holder", "Resolver"]
		description: DF.SmallText | None
		enabled: DF.Check
		event: DF.Literal[
			"Dossier Resolved Early",
			"Dossier Resolved On Time",
			"Dossier Resolved Late",
			"Step Late",
			"Supplement Requested",
			"Apology Issued",
			"Citizen Rating",
			"Dossier Overdue",
			"Custom",
		]
		max_points: DF.Float
		multiplier_field: DF.Data | None
		points: DF.Float
		rule_name: DF.Data
	# end: auto-generated types

	def validate(self):
		self.validate_condition()
		self.validate_multiplier()
		if self.max_points and self.max_points < 0:
			frappe.throw(_("Maximum Points cannot be negative"), exc=InvalidRuleError)
		if not self.points:
			frappe.throw(_("A rule must give or take points"), exc=InvalidRuleError)

	def validate_condition(self):
		self.condition = (self.condition or "").strip() or None
		if not self.condition:
			return
		try:
			# then evaluated by frappe.safe_eval on each save (ward_admin.emulation.points)
			expressions.check(self.condition, expressions.RULE_CONDITION)
		except expressions.ExpressionError as e:
			messages = {
				"syntax": _("The condition is not a valid expression"),
				"too_long": _("The condition is too long"),
				"unknown_name": _("The condition may name only doc: {0} is unknown"),
				"not_allowed": _("The condition may only compare fields of doc: {0} is not allowed"),
			}
			frappe.throw(
				messages[e.reason].format(frappe.bold(e.detail)),
				exc=InvalidRuleError,
				title=_("Invalid Condition"),
			)

	def validate_multiplier(self):
		if not self.multiplier_field:
			return
		doctype = "Citizen Rating" if self.event == points.CITIZEN_RATING else "Dossier"
		field = frappe.get_meta(doctype).get_field(self.multiplier_field)
		if not field or field.fieldtype not in NUMERIC:
			frappe.throw(
				_("{0} is not a number field of {1}").format(frappe.bold(self.multiplier_field), _(doctype)),
				exc=InvalidRuleError,
				title=_("Invalid Multiplier"),
			)

	def on_update(self):
		points.clear_caches()

	def on_trash(self):
		if frappe.db.exists("Emulation Point Entry", {"rule": self.name}):
			frappe.throw(
				_("Rule {0} has credited points: disable it instead of deleting it").format(self.name),
				exc=InvalidRuleError,
				title=_("Not Allowed"),
			)
		points.clear_caches()
