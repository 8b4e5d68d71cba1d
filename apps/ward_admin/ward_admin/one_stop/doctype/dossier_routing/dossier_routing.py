# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""Dossier Routing: which staff of a unit get its dossiers, chosen in a form, without code.

The admin picks the unit, the procedure fields (or procedures), the staff and how they take
turns; Frappe's Assignment Rule that does the work is generated from those choices and kept in
step with them (`rule.py` beside this file). A ward's admin routes their ward's dossiers, the
province's admin any ward's (hooks.py `unit_owned_configuration`).
"""

import frappe
from frappe import _
from frappe.model.document import Document

from ward_admin.one_stop.doctype.dossier_routing import rule
from ward_admin.services import routing as rules


class RoutingError(frappe.ValidationError):
	"""A routing that cannot route: nothing chosen, nobody to route to, or dossiers another
	routing of the unit already routes."""


class DossierRouting(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from ward_admin.one_stop.doctype.dossier_routing_field.dossier_routing_field import (
			DossierRoutingField,
		)
		from ward_admin.one_stop.doctype.dossier_routing_procedure.dossier_routing_procedure import (
			DossierRoutingProcedure,
		)
		from ward_admin.one_stop.doctype.dossier_routing_user.dossier_routing_user import (
			DossierRoutingUser,
		)

		administrative_unit: DF.Link
		assignment_rule: DF.Link | None
		disabled: DF.Check
		match_by: DF.Literal["Procedure Field", "Procedures"]
		procedure_fields: DF.TableMultiSelect[DossierRoutingField]
		procedures: DF.TableMultiSelect[DossierRoutingProcedure]
		rule: DF.Literal["Round Robin", "Load Balancing"]
		title: DF.Data | None
		users: DF.TableMultiSelect[DossierRoutingUser]
	# end: auto-generated types

	def validate(self):
		self.keep_one_choice()
		self.validate_staff()
		self.validate_overlap()
		self.title = self.describe()
		rule.check(self)

	def on_update(self):
		rule.sync(self)

	def on_trash(self):
		rule.remove(self)

	def keep_one_choice(self):
		"""Only the table of what the routing is by counts; the other is emptied."""
		if self.match_by not in rules.MATCH_ON:
			frappe.throw(_("Choose what the routing is by"), exc=RoutingError)
		if self.rule not in rules.RULES:
			frappe.throw(_("Choose how the staff take turns"), exc=RoutingError)
		if self.match_by == rules.MATCH_FIELDS:
			self.set("procedures", [])
		else:
			self.set("procedure_fields", [])
			for row in self.procedures:
				row.procedure_code = frappe.db.get_value(
					"Administrative Procedure", row.procedure, "procedure_code"
				)
		if not self.chosen():
			frappe.throw(
				_("Choose the procedure fields or procedures whose dossiers this routing assigns"),
				exc=RoutingError,
				title=_("Nothing to Route"),
			)

	def chosen(self) -> list[str]:
		"""The procedure fields, or the procedure codes, the admin chose."""
		if self.match_by == rules.MATCH_FIELDS:
			return list(
				dict.fromkeys(row.procedure_field for row in self.procedure_fields if row.procedure_field)
			)
		return list(dict.fromkeys(row.procedure_code for row in self.procedures if row.procedure_code))

	def validate_staff(self):
		"""At least one user, each once and enabled; the unit check is the rule's
		(`ward_admin.overrides.assignment_rule`: staff of the unit who may read its dossiers)."""
		seen, rows = set(), []
		for row in self.users:
			if row.user and row.user not in seen:
				seen.add(row.user)
				# the form shows staff by name (kept here: a fetch in the form would redraw the list
				# while the admin types the next name)
				row.full_name = frappe.utils.get_fullname(row.user)
				rows.append(row)
		self.set("users", rows)
		if not rows:
			frappe.throw(
				_("Choose the staff who get these dossiers"), exc=RoutingError, title=_("Nobody to Route To")
			)
		for row in rows:
			if not frappe.db.get_value("User", row.user, "enabled"):
				frappe.throw(
					_("{0} is disabled and cannot be given dossiers").format(frappe.bold(row.user)),
					exc=RoutingError,
				)

	def validate_overlap(self):
		"""Two enabled routings of one unit may not route the same field (or procedure): which of
		them assigned a dossier would depend on the order Frappe reads them in."""
		if self.disabled:
			return
		table, child, field = (
			("procedure_fields", "Dossier Routing Field", "procedure_field")
			if self.match_by == rules.MATCH_FIELDS
			else ("procedures", "Dossier Routing Procedure", "procedure_code")
		)
		routing, row = frappe.qb.DocType("Dossier Routing"), frappe.qb.DocType(child)
		for other, value in (
			frappe.qb.from_(row)
			.join(routing)
			.on(row.parent == routing.name)
			.select(routing.name, getattr(row, field))
			.where(
				(row.parenttype == "Dossier Routing")
				& (row.parentfield == table)
				& (routing.administrative_unit == self.administrative_unit)
				& (routing.match_by == self.match_by)
				& (routing.disabled == 0)
				& (routing.name != (self.name or ""))
				& (getattr(row, field).isin(self.chosen()))
			)
		).run():
			frappe.throw(
				_("{0} is already routed in this unit by {1}: change that routing or disable it").format(
					frappe.bold(value), frappe.bold(other)
				),
				exc=RoutingError,
				title=_("Already Routed"),
			)

	def describe(self) -> str:
		unit = frappe.db.get_value("Administrative Unit", self.administrative_unit, "unit_name")
		text = f"{', '.join(self.chosen())} – {unit or self.administrative_unit}"
		return text if len(text) <= 140 else text[:139] + "…"


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def staff_query(doctype: str, txt: str, searchfield: str, start: int, page_len: int, filters: dict):
	"""The users a routing of `filters.administrative_unit` may name: enabled staff of that unit
	(or a unit above it) who may work on its dossiers. Only for who may administer that unit."""
	return rule.staff_of((filters or {}).get("administrative_unit"), txt, start, page_len)
