# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.utils import getdate
from frappe.utils.nestedset import NestedSet

from ward_admin import arguments
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

# V1V2V3.Z1Z2.Y1Y2.MX1X2 (Circular 01/2018 Art 19; QCVN of Circular 10/2016/TT-BTTTT)
UNIT_CODE_PATTERN = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


class InvalidUnitError(frappe.ValidationError):
	"""A unit code, validity, merge or calendar that is not right."""


class UnitDeletionError(frappe.ValidationError):
	"""Administrative Units are ended and merged, never deleted: dossiers keep pointing at them."""


class AdministrativeUnit(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		company: DF.Link | None
		is_group: DF.Check
		lft: DF.Int
		merged_into: DF.Link | None
		old_parent: DF.Link | None
		parent_administrative_unit: DF.Link | None
		payment_gateway_url: DF.Data | None
		payment_secret: DF.Password | None
		rgt: DF.Int
		unit_code: DF.Data
		unit_name: DF.Data
		unit_type: DF.Literal["Province", "Ward", "Commune", "Special Zone"]
		valid_from: DF.Date | None
		valid_to: DF.Date | None
		working_calendar: DF.Link | None
	# end: auto-generated types
	nsm_parent_field = "parent_administrative_unit"

	def validate(self):
		self.validate_unit_code()
		self.validate_validity()
		self.validate_calendar()

	def on_update(self):
		super().on_update()
		unit_tree.clear()

	def after_insert(self):
		unit_tree.clear()

	def validate_calendar(self):
		"""A unit runs on the province's shared calendars or on one its own admins keep."""
		if not self.working_calendar:
			return
		owner = frappe.db.get_value("Working Calendar", self.working_calendar, "administrative_unit")
		parent = self.parent_administrative_unit
		ancestors = [parent, *unit_tree.ancestors(parent)] if parent else []
		if owner and owner != self.name and owner not in ancestors:
			frappe.throw(
				_(
					"Working Calendar {0} belongs to {1}: choose a calendar of this unit or of the province"
				).format(frappe.bold(self.working_calendar), frappe.bold(owner)),
				exc=InvalidUnitError,
				title=_("Invalid Working Calendar"),
			)

	def validate_unit_code(self):
		self.unit_code = (self.unit_code or "").strip().upper()
		if not UNIT_CODE_PATTERN.match(self.unit_code):
			frappe.throw(
				_("Unit Code {0} is not an agency code of the form 000.00.01.H22").format(
					frappe.bold(self.unit_code)
				),
				exc=InvalidUnitError,
				title=_("Invalid Unit Code"),
			)

	def validate_validity(self):
		if self.valid_from and self.valid_to and getdate(self.valid_to) < getdate(self.valid_from):
			frappe.throw(
				_("Valid To cannot be before Valid From"), exc=InvalidUnitError, title=_("Invalid Dates")
			)
		if self.merged_into:
			if self.merged_into == self.name:
				frappe.throw(
					_("A unit cannot be merged into itself"), exc=InvalidUnitError, title=_("Invalid Merge")
				)
			if not self.valid_to:
				frappe.throw(
					_("Set Valid To, the last day of this unit, before merging it into {0}").format(
						frappe.bold(self.merged_into)
					),
					exc=InvalidUnitError,
					title=_("Invalid Merge"),
				)

	def on_trash(self):
		frappe.throw(
			_("Administrative Units are never deleted: set Valid To and Merged Into instead"),
			exc=UnitDeletionError,
			title=_("Not Allowed"),
		)


@frappe.whitelist()
def get_children(doctype=None, parent=None, is_root=False, **kwargs) -> list[dict]:
	"""Tree view nodes: a unit's children, and at the top the reader's own top-most units.

	Frappe's tree starts from units without a parent (the province), which a ward's staff may
	not read, so their tree would be empty. Here the top level is every permitted unit whose
	parent is not permitted: the province for the province's staff, their ward for a ward's.
	"""
	fields = ["name as value", "unit_name as title", "is_group as expandable", "parent_administrative_unit"]
	if arguments.flag_value(is_root) or not parent or not frappe.db.exists("Administrative Unit", parent):
		permitted = frappe.get_list("Administrative Unit", fields=fields, order_by="name", limit=0)
		names = {unit.value for unit in permitted}
		nodes = [unit for unit in permitted if unit.parent_administrative_unit not in names]
	else:
		nodes = frappe.get_list(
			"Administrative Unit",
			fields=fields,
			filters={"parent_administrative_unit": parent},
			order_by="name",
			limit=0,
		)
	for node in nodes:
		node.pop("parent_administrative_unit")
	return nodes
