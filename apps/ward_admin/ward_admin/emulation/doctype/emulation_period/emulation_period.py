# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from datetime import date

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import add_months, add_to_date, getdate

from ward_admin.emulation.doctype.emulation_period import closing, scoring
from ward_admin.services import emulation as arithmetic

MONTHS = {"Month": 1, "Quarter": 3, "Year": 12}
# the titles a period proposes by default (Law 06/2022 on emulation, docs/sources.md): the year's
# titles at the year-end review; a quarter's excellent staff get the chairman's certificate
DEFAULT_TITLES = {
	"Year": ("Chiến sĩ thi đua cơ sở", "Lao động tiên tiến"),
	"Quarter": ("Giấy khen", ""),
	"Month": ("", ""),
}
# what a closed period keeps as it was
FROZEN_FIELDS = (
	"administrative_unit",
	"period_type",
	"from_date",
	"score_formula",
	"excellent_threshold",
	"good_threshold",
	"complete_threshold",
	"excellent_quota",
	"excellent_title",
	"good_title",
)


# written only by closing and reopening
CLOSING_FIELDS = ("status", "closed_at", "closed_by")


class InvalidPeriodError(frappe.ValidationError):
	"""A period that overlaps another of the unit, or with thresholds out of order."""


class PeriodClosedError(frappe.ValidationError):
	"""A change to a closed period (reopen it first, with a reason)."""


class EmulationPeriod(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from ward_admin.emulation.doctype.emulation_period_log.emulation_period_log import EmulationPeriodLog

		administrative_unit: DF.Link
		closed_at: DF.Datetime | None
		closed_by: DF.Link | None
		complete_threshold: DF.Float
		excellent_quota: DF.Percent
		excellent_threshold: DF.Float
		excellent_title: DF.Data | None
		from_date: DF.Date
		good_threshold: DF.Float
		good_title: DF.Data | None
		log: DF.Table[EmulationPeriodLog]
		period_title: DF.Data | None
		period_type: DF.Literal["Month", "Quarter", "Year"]
		score_formula: DF.Code
		status: DF.Literal["Open", "Closed"]
		to_date: DF.Date | None
	# end: auto-generated types

	def validate(self):
		self.keep_closing_fields()
		self.check_frozen()
		self.set_dates()
		self.set_defaults()
		self.validate_thresholds()
		scoring.compile_formula(self.score_formula)
		self.validate_unique()
		self.set_title()

	def keep_closing_fields(self):
		"""Status, closing and history change only through close_period / reopen_period."""
		if self.flags.closing:
			return
		before = self.get_doc_before_save()
		if not before:
			self.status, self.closed_at, self.closed_by = "Open", None, None
			self.set("log", [])
			return
		for field in CLOSING_FIELDS:
			self.set(field, before.get(field))
		self.set("log", [row.as_dict() for row in before.log])

	def check_frozen(self):
		before = self.get_doc_before_save()
		if self.flags.closing or not before or before.status != "Closed":
			return
		changed = [f for f in FROZEN_FIELDS if str(before.get(f) or "") != str(self.get(f) or "")]
		if changed or self.status != "Closed":
			frappe.throw(
				_("Period {0} is closed: reopen it, with a reason, before changing it").format(self.name),
				exc=PeriodClosedError,
				title=_("Period Closed"),
			)

	def set_dates(self):
		start = getdate(self.from_date)
		months = MONTHS[self.period_type]
		if self.period_type == "Year":
			start = date(start.year, 1, 1)
		elif self.period_type == "Quarter":
			start = date(start.year, (start.month - 1) // 3 * 3 + 1, 1)
		else:
			start = date(start.year, start.month, 1)
		self.from_date = start
		self.to_date = add_to_date(add_months(start, months), days=-1)

	def set_defaults(self):
		if not (self.score_formula or "").strip():
			self.score_formula = arithmetic.DEFAULT_FORMULA
		if self.is_new() and not self.excellent_title and not self.good_title:
			self.excellent_title, self.good_title = DEFAULT_TITLES[self.period_type]

	def validate_thresholds(self):
		try:
			scoring.thresholds_of(self).validate()
		except ValueError:
			frappe.throw(
				_("Thresholds must go up from Complete to Good to Excellent, between 0 and 100"),
				exc=InvalidPeriodError,
				title=_("Invalid Thresholds"),
			)

	def validate_unique(self):
		other = frappe.db.get_value(
			"Emulation Period",
			{
				"administrative_unit": self.administrative_unit,
				"period_type": self.period_type,
				"from_date": self.from_date,
				"name": ("!=", self.name or ""),
			},
		)
		if other:
			frappe.throw(
				_("Unit {0} already has this period: {1}").format(self.administrative_unit, other),
				exc=InvalidPeriodError,
				title=_("Duplicate Period"),
			)

	def set_title(self):
		start = getdate(self.from_date)
		if self.period_type == "Month":
			label = _("Month {0}/{1}").format(start.month, start.year)
		elif self.period_type == "Quarter":
			label = _("Quarter {0}/{1}").format((start.month - 1) // 3 + 1, start.year)
		else:
			label = _("Year {0}").format(start.year)
		unit = frappe.get_cached_value("Administrative Unit", self.administrative_unit, "unit_name")
		self.period_title = f"{label} – {unit}"

	def on_trash(self):
		if self.status == "Closed":
			frappe.throw(
				_("A closed period is kept: reopen it before deleting it"),
				exc=PeriodClosedError,
				title=_("Period Closed"),
			)

	@frappe.whitelist(methods=["POST"])
	def close_period(self) -> list[str]:
		"""Freeze the staff's scores, propose titles and reviews (idempotent once closed)."""
		self.check_permission("write")
		return closing.close(self)

	@frappe.whitelist(methods=["POST"])
	def reopen_period(self, reason: str) -> None:
		"""Open a closed period again, with a reason kept in its history."""
		self.check_permission("write")
		closing.reopen(self, reason)

	@frappe.whitelist()
	def get_scores(self) -> list[dict]:
		"""The period's rows: frozen when closed, computed live while open."""
		self.check_permission("read")
		if self.status == "Closed":
			return frappe.get_all(
				"Staff Period Score",
				filters={"emulation_period": self.name},
				fields=["*"],
				order_by="`rank`, employee_name",
			)
		return scoring.score_rows(self)
