# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate

from ward_admin.procedures import next_version, overlapping_versions
from ward_admin.services.fees import FeeError, FeeRule, compute_fee

# national codes look like 1.001193; provinces append their own suffixes (1.001193.000.00.00.H22)
PROCEDURE_CODE_PATTERN = re.compile(r"^\d\.\d{6}(\.[0-9A-Z]+)*$")


class AdministrativeProcedure(Document):
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

	def validate_code(self):
		self.procedure_code = (self.procedure_code or "").strip().upper()
		if not PROCEDURE_CODE_PATTERN.match(self.procedure_code):
			frappe.throw(
				_("Procedure Code {0} is not a national procedure code such as 1.001193").format(
					frappe.bold(self.procedure_code)
				),
				title=_("Invalid Procedure Code"),
			)

	def validate_effective_dates(self):
		if self.effective_to and getdate(self.effective_to) < getdate(self.effective_from):
			frappe.throw(_("Effective To cannot be before Effective From"), title=_("Invalid Dates"))
		if overlaps := overlapping_versions(self):
			frappe.throw(
				_("The effective dates overlap with {0}: end the other version first").format(
					", ".join(frappe.bold(name) for name in overlaps)
				),
				title=_("Overlapping Versions"),
			)

	def validate_fee_rules(self):
		try:
			rules = [FeeRule.from_mapping(row.as_dict()) for row in self.fee_rules]
			base_fee = compute_fee(rules)
		except FeeError:
			frappe.throw(_("Fee rules cannot have negative amounts"), title=_("Invalid Fee Rules"))
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
					title=_("Duplicate Document"),
				)

	@frappe.whitelist()
	def get_fee(self, pages: int = 1, copies: int = 1, exempt: bool = False) -> int:
		return compute_fee(
			[row.as_dict() for row in self.fee_rules],
			int(pages),
			int(copies),
			bool(frappe.utils.cint(exempt)),
		)
