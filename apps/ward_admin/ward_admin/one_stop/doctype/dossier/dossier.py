# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import get_fullname, now_datetime

from ward_admin.one_stop import assignments
from ward_admin.one_stop.doctype.dossier import apology, clock, lifecycle, protection, result, rows
from ward_admin.services import dossier_events, lookup_secret


class Dossier(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from ward_admin.one_stop.doctype.dossier_document.dossier_document import DossierDocument
		from ward_admin.one_stop.doctype.dossier_pause.dossier_pause import DossierPause
		from ward_admin.one_stop.doctype.dossier_step.dossier_step import DossierStep

		administrative_unit: DF.Link
		apology_by: DF.Link | None
		apology_issued_at: DF.Datetime | None
		apology_reason: DF.SmallText | None
		applicant_address: DF.SmallText | None
		applicant_email: DF.Data | None
		applicant_id_number: DF.Data | None
		applicant_name: DF.Data
		applicant_phone: DF.Data | None
		appointment_at: DF.Datetime | None
		channel: DF.Literal["Direct", "Online", "Postal"]
		copies: DF.Int
		documents: DF.Table[DossierDocument]
		due_at: DF.Datetime | None
		fee_amount: DF.Currency
		fee_exempt: DF.Check
		fee_exemption_reason: DF.SmallText | None
		is_overdue: DF.Check
		lookup_secret: DF.Data | None
		national_dossier_id: DF.Data | None
		original_appointment_at: DF.Datetime | None
		overdue_warned_at: DF.Datetime | None
		pages: DF.Int
		pauses: DF.Table[DossierPause]
		portal_user: DF.Link | None
		procedure: DF.Link
		procedure_field: DF.Link | None
		processing_days: DF.Float
		processing_time: DF.Float
		received_at: DF.Datetime | None
		refusal_reason: DF.SmallText | None
		resolved_at: DF.Datetime | None
		result_digitized: DF.Check
		result_file: DF.Attach | None
		result_sha256: DF.Data | None
		result_token: DF.Data | None
		returned_at: DF.Datetime | None
		rework_reason: DF.SmallText | None
		status: DF.Link | None
		status_code: DF.Int
		steps: DF.Table[DossierStep]
		stop_reason: DF.SmallText | None
		supplement_policy: DF.Literal["Restart", "Pause"]
		supplement_request: DF.SmallText | None
		time_unit: DF.Literal["Working Days", "Working Hours"]
		timeliness: DF.Literal["", "Early", "On Time", "Late"]

	# end: auto-generated types
	def autoname(self):
		# a client does not choose `received_at`, from which the code is made
		protection.protect(self)
		self.name = lifecycle.make_dossier_code(self.administrative_unit, self.received_at or now_datetime())

	def db_insert(self, *args, **kwargs):
		super().db_insert(*args, **kwargs)
		rows.insert_rows(self)

	def before_validate(self):
		# what this save does is recorded afresh (ward_admin.services.dossier_events)
		dossier_events.start(self)

	def before_insert(self):
		lifecycle.set_initial_state(self)
		lifecycle.load_procedure_documents(self)

	def validate_workflow(self):
		# A dossier enters the workflow where it arrives: at the state of code 2 over the counter or
		# by post, at the state of code 1 from the portal. Frappe only lets a new document start in
		# the first state, so its check applies from the second save on.
		if self.is_new() and self.status == lifecycle.entry_state(self):
			return
		super().validate_workflow()

	def validate(self):
		lifecycle.validate_state(self)
		protection.protect(self)
		if self.is_new() and not self.lookup_secret:
			# made by the server only (protection empties what a client sends): the slip prints it
			self.lookup_secret = lookup_secret.new_secret()
		lifecycle.validate_applicant(self)
		lifecycle.set_procedure_field(self)
		lifecycle.set_fee(self)
		before = self.get_doc_before_save()
		old_state = before.status if before else None
		if old_state != self.status:
			lifecycle.on_state_change(self, old_state, self.status)
		lifecycle.record_apology(self, before)
		result.check_result(self)

	def on_update(self):
		# a new dossier has no assignments yet
		if self.get_doc_before_save() and self.has_value_changed("due_at"):
			assignments.refresh_todos(self)

	def onload(self):
		# the form's clock badge, default notice and apology button (clock.py)
		if self.is_new():
			return
		self.set_onload("clock", clock.badge(self))
		self.set_onload("default_print_format", clock.default_print_format(self))
		self.set_onload("apology_useful", clock.apology_useful(self))
		# who prepared what the signer signs: the holder of the step under way, else whoever moved
		# the dossier last (submitted it for signature)
		running = [row for row in self.steps if row.started_at and not row.completed_at and row.holder]
		self.set_onload("prepared_by", get_fullname(running[-1].holder if running else self.modified_by))

	def on_trash(self):
		protection.remove_traces(self)

	def before_print(self, settings=None):
		# Every print format, the app's and any an admin writes, receives the whole document:
		# personal data the reader may not see are removed from it first.
		self.apply_fieldlevel_read_permissions()

	@frappe.whitelist(methods=["POST"])
	def issue_apology(self, new_appointment_at: str, reason: str) -> None:
		"""Form 04: apologise and give a new return time (the form's "Apologise and Reschedule")."""
		apology.issue(self, new_appointment_at, reason)


def on_doctype_update():
	# the overdue scan reads running dossiers by due time; a unit's lists by receipt time; the
	# Service Index recounts a unit's day of receipts and of results (indicators.rollup)
	frappe.db.add_index("Dossier", ["status_code", "due_at"])
	frappe.db.add_index("Dossier", ["administrative_unit", "received_at"])
	frappe.db.add_index("Dossier", ["administrative_unit", "resolved_at"])
