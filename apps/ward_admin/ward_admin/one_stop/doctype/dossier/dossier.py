# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document
from frappe.utils import now_datetime

from ward_admin import dossiers, workflow_actions
from ward_admin.one_stop.doctype.dossier import protection

# before any dossier is saved in this process: Frappe's Workflow Action bookkeeping is skipped
# for a workflow that asks nobody to act (ward_admin.workflow_actions)
workflow_actions.install()


class Dossier(Document):
	def autoname(self):
		# a client does not choose `received_at`, from which the code is made
		protection.protect(self)
		self.name = dossiers.make_dossier_code(self.administrative_unit, self.received_at or now_datetime())

	def before_insert(self):
		dossiers.set_initial_state(self)
		dossiers.load_procedure_documents(self)

	def validate_workflow(self):
		# A dossier enters the workflow where it arrives: at Received over the counter or by post,
		# at Submitted Online from the portal. Frappe only lets a new document start in the first
		# state, so its check applies from the second save on.
		if self.is_new() and self.status == dossiers.entry_state(self):
			return
		super().validate_workflow()

	def validate(self):
		dossiers.validate_state(self)
		protection.protect(self)
		dossiers.validate_applicant(self)
		dossiers.set_procedure_field(self)
		dossiers.set_fee(self)
		before = self.get_doc_before_save()
		old_state = before.status if before else None
		if old_state != self.status:
			dossiers.on_state_change(self, old_state, self.status)

	def on_trash(self):
		protection.remove_traces(self)

	def before_print(self, settings=None):
		# Every print format, the app's and any an admin writes, receives the whole document:
		# personal data the reader may not see are removed from it first.
		self.apply_fieldlevel_read_permissions()


def on_doctype_update():
	# the overdue scan and the unit's open-dossier lists read by these
	frappe.db.add_index("Dossier", ["status", "due_at"])
	frappe.db.add_index("Dossier", ["administrative_unit", "received_at"])
