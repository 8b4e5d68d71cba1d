"""The dossier workflow of design §4, installed once as default data.

An admin may edit it in the desk (Workflow "Dossier"); neither a reinstall of these defaults
nor `bench migrate` touches an existing workflow.
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
				{"state": state, "doc_status": "0", "allow_edit": role} for state, _style, role in STATES
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
