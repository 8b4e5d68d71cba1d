# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""A period's Service Index frozen when it is published. Submitting computes and stores every
ranked unit's figures with the weights in force; a submitted snapshot is never recomputed, so a
published ranking can be re-run and defended after late edits of dossiers. A correction is a new
snapshot (cancel and amend), and both stay on record."""

import json

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from ward_admin.indicators import service_index

ROW_FIELDS = (
	"administrative_unit",
	"rank",
	"score",
	"received",
	"received_online",
	"fee_dossiers",
	"paid_online",
	"resolved",
	"digitized",
	"resolved_on_time",
	"online_receipt_rate",
	"online_payment_rate",
	"digitization_rate",
	"on_time_rate",
	"avg_processing_days",
	"avg_rating",
	"ratings_count",
	"sync_dossiers",
	"synced",
	"sync_rate",
)


class IndicatorSnapshot(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from ward_admin.indicators.doctype.indicator_snapshot_row.indicator_snapshot_row import (
			IndicatorSnapshotRow,
		)

		administrative_unit: DF.Link
		amended_from: DF.Link | None
		from_date: DF.Date
		frozen_at: DF.Datetime | None
		frozen_by: DF.Link | None
		procedure_field: DF.Link | None
		rows: DF.Table[IndicatorSnapshotRow]
		title: DF.Data
		to_date: DF.Date
		weights: DF.Code | None

	# end: auto-generated types
	def validate(self):
		# Frappe checks mandatory fields after `validate`
		if self.from_date and self.to_date and getdate(self.to_date) < getdate(self.from_date):
			frappe.throw(
				_("The period ends before it starts"),
				exc=service_index.InvalidPeriodError,
				title=_("Invalid Period"),
			)
		if self.docstatus == 0:
			# a draft shows nothing frozen yet
			self.rows = []
			self.weights = None
			self.frozen_at = self.frozen_by = None

	def before_submit(self):
		rows = service_index.compute(
			self.administrative_unit, self.from_date, self.to_date, self.procedure_field
		)
		self.rows = []
		for row in rows:
			self.append("rows", {field: row.get(field) for field in ROW_FIELDS})
		self.weights = json.dumps(service_index.weights(), ensure_ascii=False)
		self.frozen_at = now_datetime()
		self.frozen_by = frappe.session.user


def snapshot_rows(name: str) -> tuple["IndicatorSnapshot", list[dict]]:
	"""The frozen figures of a submitted snapshot, for the Service Index report. A reader who may
	not open the snapshot (it ranks a province) sees the rows of their own units, as in the live
	report (Frappe drops the others)."""
	if not frappe.db.exists("Indicator Snapshot", name):
		raise frappe.DoesNotExistError(_("Indicator Snapshot {0} does not exist").format(name))
	snapshot = frappe.get_doc("Indicator Snapshot", name)
	if snapshot.docstatus != 1:
		frappe.throw(
			_("Indicator Snapshot {0} is not frozen yet: submit it first").format(name),
			exc=frappe.ValidationError,
			title=_("Not Frozen"),
		)
	names = dict(
		frappe.get_all(
			"Administrative Unit",
			filters={"name": ("in", [row.administrative_unit for row in snapshot.rows])},
			fields=["name", "unit_name"],
			as_list=True,
		)
	)
	return snapshot, [
		{**{field: row.get(field) for field in ROW_FIELDS}, "unit_name": names.get(row.administrative_unit)}
		for row in snapshot.rows
	]
