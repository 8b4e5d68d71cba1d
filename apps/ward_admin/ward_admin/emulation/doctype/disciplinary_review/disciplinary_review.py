# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _

from ward_admin import arguments
from ward_admin.emulation import decisions

# Decree 172/2025: the measures for civil servants (dismissal only for leaders and managers)
MEASURES = ("Reprimand", "Formal Warning", "Dismissal", "Forced Resignation")


class DisciplinaryReview(decisions.Proposal):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		decided_at: DF.Datetime | None
		decided_by: DF.Link | None
		decision_date: DF.Date | None
		decision_number: DF.Data | None
		employee: DF.Link
		employee_name: DF.Data | None
		emulation_period: DF.Link | None
		final_score: DF.Float
		grounds: DF.SmallText | None
		measure: DF.Literal["", "Reprimand", "Formal Warning", "Dismissal", "Forced Resignation"]
		rating_level: DF.Literal["", "Excellent", "Good", "Complete", "Not Complete"]
		rejection_reason: DF.SmallText | None
		staff_period_score: DF.Link | None
		status: DF.Literal["Proposed", "Approved", "Rejected"]
		user: DF.Link | None
	# end: auto-generated types

	@frappe.whitelist(methods=["POST"])
	def approve(self, decision_number: str, decision_date: str, measure: str) -> None:
		"""The leader decides a disciplinary measure: the staff member is rated Not Complete for the year."""
		measure = arguments.choice_value(measure, _("Measure"), MEASURES)
		decisions.approve(self, decision_number, decision_date, measure=measure)
