# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.model.workflow import get_workflow_name
from frappe.utils import cint, flt, getdate

from ward_admin.services import dossier_states as codes
from ward_admin.services.fees import FeeError, FeeRule, compute_fee
from ward_admin.ward_setup.doctype.administrative_procedure.versions import next_version, overlapping_versions

# national codes look like 1.001193; provinces append their own suffixes (1.001193.000.00.00.H22)
PROCEDURE_CODE_PATTERN = re.compile(r"^\d\.\d{6}(\.[0-9A-Z]+)*$")


class InvalidProcessError(frappe.ValidationError):
	"""An internal process with a state outside the Dossier workflow, or over the time limit."""


class InvalidProcedureError(frappe.ValidationError):
	"""A procedure code, dates, fee rules or documents that are not right."""


class OverlappingVersionError(frappe.ValidationError):
	"""Two versions of one procedure in force on the same day."""


class AdministrativeProcedure(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from ward_admin.ward_setup.doctype.procedure_document.procedure_document import ProcedureDocument
		from ward_admin.ward_setup.doctype.procedure_fee_rule.procedure_fee_rule import ProcedureFeeRule
		from ward_admin.ward_setup.doctype.procedure_step.procedure_step import ProcedureStep

		documents: DF.Table[ProcedureDocument]
		effective_from: DF.Date
		effective_to: DF.Date | None
		enabled: DF.Check
		fee_amount: DF.Currency
		fee_rules: DF.Table[ProcedureFeeRule]
		legal_basis: DF.SmallText | None
		note: DF.SmallText | None
		online_level: DF.Literal["Full", "Partial", "None"]
		procedure_code: DF.Data
		procedure_field: DF.Link
		procedure_name: DF.Data
		process_steps: DF.Table[ProcedureStep]
		processing_time: DF.Float
		supersedes: DF.Link | None
		supplement_policy: DF.Literal["Restart", "Pause"]
		time_unit: DF.Literal["Working Days", "Working Hours"]
		version: DF.Int

	# end: auto-generated types
	def before_insert(self):
		self.validate_code()
		if (
			not self.version
			or self.version < 1
			or frappe.db.exists("Administrative Procedure", self.get_name())
		):
			self.version = next_version(self.procedure_code)

	def get_name(self) -> str:
		return f"{self.procedure_code}-V{self.version}"

	def validate(self):
		self.validate_code()
		self.validate_effective_dates()
		self.validate_fee_rules()
		self.validate_documents()
		self.validate_process()

	def validate_code(self):
		self.procedure_code = (self.procedure_code or "").strip().upper()
		if not PROCEDURE_CODE_PATTERN.match(self.procedure_code):
			frappe.throw(
				_("Procedure Code {0} is not a national procedure code such as 1.001193").format(
					frappe.bold(self.procedure_code)
				),
				exc=InvalidProcedureError,
				title=_("Invalid Procedure Code"),
			)

	def validate_effective_dates(self):
		if self.effective_to and getdate(self.effective_to) < getdate(self.effective_from):
			frappe.throw(
				_("Effective To cannot be before Effective From"),
				exc=InvalidProcedureError,
				title=_("Invalid Dates"),
			)
		if overlaps := overlapping_versions(self):
			frappe.throw(
				_("The effective dates overlap with {0}: end the other version first").format(
					", ".join(frappe.bold(name) for name in overlaps)
				),
				exc=OverlappingVersionError,
				title=_("Overlapping Versions"),
			)

	def validate_fee_rules(self):
		try:
			rules = [FeeRule.from_mapping(row.as_dict()) for row in self.fee_rules]
			base_fee = compute_fee(rules)
		except FeeError:
			frappe.throw(
				_("Fee rules cannot have negative amounts"),
				exc=InvalidProcedureError,
				title=_("Invalid Fee Rules"),
			)
		if rules and not self.fee_amount:
			self.fee_amount = base_fee

	def validate_documents(self):
		names = [(row.document_name or "").strip().lower() for row in self.documents]
		for row, name in zip(self.documents, names, strict=True):
			if names.count(name) > 1:
				frappe.throw(
					_("Row {0}: the document {1} is listed twice").format(
						row.idx, frappe.bold(row.document_name)
					),
					exc=InvalidProcedureError,
					title=_("Duplicate Document"),
				)

	def validate_process(self):
		"""The internal process: steps in states of the Dossier workflow where work is done (codes 2
		received, 4 processing, 9 resolved: the return), in the workflow's order, each with a share,
		and no more than the whole limit."""
		if not self.process_steps:
			return
		workflow = get_workflow_name("Dossier")
		rows = frappe.get_all(
			"Workflow Document State",
			filters={"parent": workflow, "parenttype": "Workflow"},
			fields=["state", "status_code", "idx"],
		)
		known = {row.state: row for row in rows}
		last = 0
		for row in self.process_steps:
			state = known.get(row.workflow_state)
			if not state:
				self.process_error(
					_("Row {0}: {1} is not a state of the Dossier workflow").format(
						row.idx, frappe.bold(row.workflow_state or "")
					)
				)
			if cint(state.status_code) not in codes.WORKED:
				self.process_error(
					_(
						"Row {0}: no work is done in state {1}; choose a state where the dossier is received, processed or resolved"
					).format(row.idx, frappe.bold(_(row.workflow_state)))
				)
			if state.idx < last:
				self.process_error(
					_("Row {0}: the steps must follow the order of the Dossier workflow's states").format(
						row.idx
					)
				)
			last = state.idx
			if flt(row.allotment) <= 0:
				self.process_error(_("Row {0}: give the step its share of the time limit").format(row.idx))
		percent = sum(flt(row.allotment) for row in self.process_steps if row.allotment_unit == "Percent")
		if percent > 100:
			self.process_error(
				_("The steps' shares of the time limit add up to {0}%, more than the whole limit").format(
					round(percent, 2)
				)
			)

	def process_error(self, message: str) -> None:
		frappe.throw(message, exc=InvalidProcessError, title=_("Invalid Internal Process"))

	@frappe.whitelist()
	def get_fee(self, pages: int = 1, copies: int = 1, exempt: bool = False) -> int:
		return compute_fee(
			[row.as_dict() for row in self.fee_rules],
			int(pages),
			int(copies),
			bool(frappe.utils.cint(exempt)),
		)
