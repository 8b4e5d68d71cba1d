"""Frappe's Workflow Action bookkeeping, skipped for documents it can do nothing for.

Frappe runs `process_workflow_actions` after every save of every document (a `"*"` on_update
hook in frappe/hooks.py). For a document under a workflow it looks up the workflow's
transitions and each next state's "Is Optional State" (one uncached document load per
transition), completes older Workflow Actions and creates one for the roles that may act next.
When every state of the workflow is optional, Frappe creates no Workflow Action at all; if the
document also has no open one, the whole run changes nothing, yet it cost about half of a
dossier's receipt (benchmarks/bench_dossiers.py: 13.0 ms per receipt with it, 7.0 ms without,
against 2.2 ms for a ToDo).

The Dossier workflow ships with every state optional (see `ward_admin.setup.workflow`), so a
dossier pays for none of it. Everything else, and a workflow where an admin unticked "Is
Optional State" somewhere, goes through Frappe's function unchanged. An app cannot remove a
`"*"` doc_event, so the function Frappe's hook names is wrapped in place; a test checks that the
hook still names it, so a Frappe upgrade that moves it fails loudly instead of silently slowing.
"""

import frappe
from frappe.model.workflow import get_workflow_name
from frappe.workflow.doctype.workflow_action import workflow_action as frappe_workflow_action

HOOK = "frappe.workflow.doctype.workflow_action.workflow_action.process_workflow_actions"


def asks_nobody(doc) -> bool:
	"""Whether Frappe's bookkeeping would neither create nor complete a Workflow Action for doc."""
	workflow = get_workflow_name(doc.get("doctype"))
	if not workflow:
		return False
	try:
		states = frappe.get_cached_doc("Workflow", workflow).states
	except frappe.DoesNotExistError:
		return False  # a workflow deleted under a stale name cache: let Frappe decide
	if not all(state.is_optional_state for state in states):
		return False
	if doc.get_doc_before_save() is None:
		# just inserted: Frappe deletes a document's Workflow Actions with the document
		return True
	return not frappe.db.exists(
		"Workflow Action",
		{"reference_name": doc.get("name"), "reference_doctype": doc.get("doctype"), "status": "Open"},
	)


def install() -> None:
	"""Wrap Frappe's hook once per process (idempotent)."""
	frappes = frappe_workflow_action.process_workflow_actions
	if getattr(frappes, "wrapped_by_ward_admin", False):
		return

	def process_workflow_actions(doc, state):
		if state != "on_trash" and asks_nobody(doc):
			return
		return frappes(doc, state)

	process_workflow_actions.wrapped_by_ward_admin = True
	process_workflow_actions.__wrapped__ = frappes
	frappe_workflow_action.process_workflow_actions = process_workflow_actions
