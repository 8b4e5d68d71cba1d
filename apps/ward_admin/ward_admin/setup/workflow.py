"""The dossier workflow of design §4, installed once as default data.

An admin may edit it in the desk (Workflow "Dossier"); neither a reinstall of these defaults
nor `bench migrate` touches an existing workflow.

Every state is an "optional state", Frappe's own switch for "ask nobody, through a Workflow
Action, to move a document into this state". Workflow Actions are a role-wide to-do list that
cannot be scoped to a unit: in a province every ward's officers and leaders would each see the
dossiers of all hundred units awaiting their role, and each transition would add rows (millions
a year). A dossier's worklist is instead its unit's Dossier list by state (the workspace's
shortcuts) and its assignments (ToDo). An admin who wants Workflow Actions leading to a state,
e.g. on a single-ward site, unticks its "Is Optional State"; `ward_admin.workflow_actions` then
lets Frappe do its bookkeeping again.
"""

import frappe

from ward_admin.services.dossier_states import STATES, TRANSITIONS

WORKFLOW_NAME = "Dossier"


def ensure_dossier_workflow() -> None:
	for state, style, _roles in STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in {t[0] for t in TRANSITIONS}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)
	if frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": WORKFLOW_NAME,
			"document_type": "Dossier",
			"workflow_state_field": "status",
			"is_active": 1,
			"send_email_alert": 0,
			"override_status": 1,
			"states": [
				{"state": state, "doc_status": "0", "allow_edit": role, "is_optional_state": 1}
				for state, _style, role in STATES
			],
			"transitions": [
				{
					"action": action,
					"state": source,
					"next_state": target,
					"allowed": role,
					"allow_self_approval": 1,
				}
				for action, source, target, roles in TRANSITIONS
				for role in roles
			],
		}
	).insert(ignore_permissions=True)


def stop_workflow_actions() -> None:
	"""Mark the shipped Dossier workflow's states optional and drop its open Workflow Actions.

	For sites that got the workflow before its states were optional (see the module docstring).
	"""
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	if workflow.document_type != "Dossier":
		return
	for row in workflow.states:
		row.is_optional_state = 1
	workflow.save(ignore_permissions=True)
	frappe.db.delete("Workflow Action", {"reference_doctype": "Dossier", "status": "Open"})
