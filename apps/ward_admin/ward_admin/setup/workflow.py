"""The dossier workflow of docs/rules.md ("Dossier lifecycle"), installed once as default data.

An admin may edit it in the desk (Workflow "Dossier"): add, remove or rename states, give each
its national status code, change transitions and roles. Neither a reinstall of these defaults nor
`bench migrate` touches an existing workflow, except `give_status_codes` and
`add_signature_step`, which an upgrade runs once (patches v0_2).

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

from ward_admin.services.dossier_states import (
	DEFAULT_STATES,
	DEFAULT_TRANSITIONS,
	PREVIOUS_STATES,
	PREVIOUS_TRANSITIONS,
)

WORKFLOW_NAME = "Dossier"


def ensure_workflow_masters() -> None:
	for state, _code, style, _role in DEFAULT_STATES:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in {t[0] for t in DEFAULT_TRANSITIONS}:
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def state_row(state: str, code: int, role: str) -> dict:
	return {
		"state": state,
		"status_code": code,
		"doc_status": "0",
		"allow_edit": role,
		"is_optional_state": 1,
	}


def transition_rows(transitions) -> list[dict]:
	return [
		{"action": action, "state": source, "next_state": target, "allowed": role, "allow_self_approval": 1}
		for action, source, target, roles in transitions
		for role in roles
	]


def ensure_dossier_workflow() -> None:
	ensure_workflow_masters()
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
			"states": [state_row(state, code, role) for state, code, _style, role in DEFAULT_STATES],
			"transitions": transition_rows(DEFAULT_TRANSITIONS),
		}
	).insert(ignore_permissions=True)


def give_status_codes() -> None:
	"""Sites whose workflow predates status codes on states: the shipped states get theirs."""
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	for row in workflow.states:
		if not row.get("status_code") and row.state in PREVIOUS_STATES:
			row.status_code = PREVIOUS_STATES[row.state]
	missing = [row.state for row in workflow.states if not row.get("status_code")]
	if missing:
		# an admin's own state: they give it its code in the form; saving would be refused until then
		for row in workflow.states:
			if row.get("status_code"):
				frappe.db.set_value("Workflow Document State", row.name, "status_code", row.status_code)
		return
	workflow.save(ignore_permissions=True)


def add_signature_step() -> None:
	"""Sites still on the first releases' workflow, unchanged, get the leader's signature step
	(Trình ký); a workflow an admin changed is left as it is."""
	if not frappe.db.exists("Workflow", WORKFLOW_NAME):
		return
	workflow = frappe.get_doc("Workflow", WORKFLOW_NAME)
	current = {(t.action, t.state, t.next_state, t.allowed) for t in workflow.transitions}
	previous = {(a, s, n, role) for a, s, n, roles in PREVIOUS_TRANSITIONS for role in roles}
	if current != previous:
		return
	ensure_workflow_masters()
	names = [row.state for row in workflow.states]
	for state, code, _style, role in DEFAULT_STATES:
		if state not in names:
			workflow.append("states", state_row(state, code, role))
	workflow.set("transitions", [])
	for row in transition_rows(DEFAULT_TRANSITIONS):
		workflow.append("transitions", row)
	order = [state for state, *_rest in DEFAULT_STATES]
	workflow.states.sort(key=lambda row: order.index(row.state) if row.state in order else len(order))
	for idx, row in enumerate(workflow.states, 1):
		row.idx = idx
	workflow.save(ignore_permissions=True)


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
		frappe.db.set_value("Workflow Document State", row.name, "is_optional_state", 1)
	frappe.clear_cache(doctype="Dossier")
	frappe.db.delete("Workflow Action", {"reference_doctype": "Dossier", "status": "Open"})
