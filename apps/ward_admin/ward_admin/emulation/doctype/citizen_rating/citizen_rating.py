# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, now_datetime

from ward_admin.emulation import points
from ward_admin.services import dossier_states as codes


class InvalidRatingError(frappe.ValidationError):
	"""A rating out of 1-5, of a dossier whose result was not returned, or a second one."""


class CitizenRating(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		channel: DF.Literal["Counter", "Portal"]
		comment: DF.SmallText | None
		dossier: DF.Link
		rated_at: DF.Datetime | None
		rating: DF.Int
	# end: auto-generated types

	def validate(self):
		if not self.is_new():
			frappe.throw(
				_("A citizen's rating is not changed"), exc=InvalidRatingError, title=_("Not Allowed")
			)
		if cint(self.rating) != self.rating or not 1 <= cint(self.rating) <= 5:
			frappe.throw(
				_("A rating is a whole number from 1 to 5"), exc=InvalidRatingError, title=_("Invalid Rating")
			)
		self.rating = cint(self.rating)
		unit, code = frappe.db.get_value("Dossier", self.dossier, ["administrative_unit", "status_code"]) or (
			None,
			None,
		)
		if code != codes.RETURNED:
			frappe.throw(
				_("Dossier {0} can be rated once its result is returned").format(self.dossier),
				exc=InvalidRatingError,
				title=_("Not Yet"),
			)
		if frappe.db.exists("Citizen Rating", {"dossier": self.dossier, "name": ("!=", self.name)}):
			frappe.throw(
				_("Dossier {0} was already rated").format(self.dossier),
				exc=InvalidRatingError,
				title=_("Already Rated"),
			)
		self.administrative_unit = unit
		self.rated_at = now_datetime()

	def after_insert(self):
		points.on_rating(self)

	def on_trash(self):
		if frappe.session.user != "Administrator":
			frappe.throw(
				_("A citizen's rating is not deleted"), exc=InvalidRatingError, title=_("Not Allowed")
			)
