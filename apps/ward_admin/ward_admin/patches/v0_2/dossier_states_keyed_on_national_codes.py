"""Sites installed before the app read the national status code from each workflow state:

- each shipped state of the Dossier workflow gets its code (an admin's own state waits for the
  admin to give it one, in the Workflow form);
- a workflow still as first shipped gets the leader's signature step (Trình ký);
- the assignment rules the app made assign and close by status code;
- the civil-status procedures get the model internal process, where they have none;
- the control sheet's "Processing" step is called "Examination", as the national forms' step
  is, so that no step shares a state's name.
"""

import frappe

from ward_admin.one_stop.doctype.dossier.control_sheet import EXAMINATION
from ward_admin.setup.assignment import CLOSE_CONDITION
from ward_admin.setup.catalogue import ensure_internal_processes
from ward_admin.setup.custom_fields import ensure_custom_fields
from ward_admin.setup.workflow import add_signature_step, give_status_codes


def execute():
	ensure_custom_fields()
	frappe.clear_cache(doctype="Workflow Document State")
	give_status_codes()
	add_signature_step()
	ensure_internal_processes()
	# the conditions of the first releases' rules, which named the states
	rule = frappe.qb.DocType("Assignment Rule")
	for name, assign, close in (
		frappe.qb.from_(rule)
		.select(rule.name, rule.assign_condition, rule.close_condition)
		.where(rule.document_type == "Dossier")
	).run():
		frappe.db.set_value(
			"Assignment Rule",
			name,
			{
				"assign_condition": (assign or "").replace('status == "Processing"', "status_code == 4"),
				"close_condition": CLOSE_CONDITION
				if close == 'status in ("Resolved", "Returned", "Stopped", "Withdrawn")'
				else close,
			},
			update_modified=False,
		)
	# the name the first releases gave the examination step
	step = frappe.qb.DocType("Dossier Step")
	frappe.qb.update(step).set(step.step, EXAMINATION).where(step.step == "Processing").run()
	frappe.clear_cache(doctype="Dossier")
