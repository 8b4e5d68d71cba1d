# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document


class FrozenScoreError(frappe.ValidationError):
	"""A change to a frozen score: reopen its period, with a reason, and close it again."""


class StaffPeriodScore(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		apologies: DF.Int
		avg_rating: DF.Float
		disciplined: DF.Check
		dossiers_handled: DF.Int
		dossiers_received: DF.Int
		early: DF.Int
		employee: DF.Link | None
		employee_name: DF.Data | None
		emulation_period: DF.Link | None
		final_score: DF.Float
		late: DF.Int
		on_time: DF.Int
		on_time_rate: DF.Percent
		points: DF.Float
		proposed_title: DF.Data | None
		rank: DF.Int
		rating_level: DF.Literal["", "Excellent", "Good", "Complete", "Not Complete"]
		ratings_count: DF.Int
		resolved: DF.Int
		steps_late: DF.Int
		supplements_requested: DF.Int
		user: DF.Link | None
	# end: auto-generated types

	def validate(self):
		frappe.throw(
			_("Scores are frozen when their period closes: reopen the period to compute them again"),
			exc=FrozenScoreError,
			title=_("Not Allowed"),
		)

	def on_trash(self):
		self.validate()
