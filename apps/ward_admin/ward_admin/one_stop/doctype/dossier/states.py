"""The Dossier workflow as the app reads it: each state's national status code, set by the admin.

The code is a field of each state row of the Workflow (custom field `status_code` of Workflow
Document State, ward_admin.setup.custom_fields). Whatever the states are called, and however
many there are, the app acts on their codes (ward_admin.services.dossier_states). A workflow
whose state has no code is refused when it is saved (`validate_workflow`, a doc_event).
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow_name

from ward_admin.services import dossier_states as codes

DOCTYPE = "Dossier"


class StatusCodeError(frappe.ValidationError):
	"""A state of the Dossier workflow without a valid national status code."""


def workflow():
	"""The active Dossier workflow (Frappe's cached document; saving the workflow refreshes it)."""
	name = get_workflow_name(DOCTYPE)
	if not name:
		frappe.throw(_("The Dossier workflow is missing: an operator must restore it"), exc=StatusCodeError)
	return frappe.get_cached_doc("Workflow", name)


def state_codes() -> dict[str, int]:
	return {row.state: frappe.utils.cint(row.get("status_code")) for row in workflow().states}


def code_of(state: str | None) -> int | None:
	return state_codes().get(state) if state else None


def states_with(*wanted: int) -> list[str]:
	"""The states with these codes, in the workflow's order."""
	return [state for state, code in state_codes().items() if code in wanted]


def entry_state(channel: str | None) -> str:
	"""Where a dossier enters the workflow: the first state with the channel's code."""
	wanted = codes.ENTRY.get(channel or "Direct", codes.RECEIVED)
	states = states_with(wanted)
	if not states:
		frappe.throw(
			_("The Dossier workflow has no state with status code {0}, where a dossier enters it").format(
				wanted
			),
			exc=StatusCodeError,
		)
	return states[0]


def editor_of(state: str) -> str | None:
	return next((row.allow_edit for row in workflow().states if row.state == state), None)


def order_of(state: str) -> int:
	"""The position of a state in the workflow's list: going back to an earlier state of the same
	code (the leader sends a draft back to the specialist) is "sending back"."""
	return next((row.idx for row in workflow().states if row.state == state), 0)


def validate_workflow(doc, method=None) -> None:
	"""Workflow.validate: every state of the Dossier workflow carries its national code."""
	if doc.document_type != DOCTYPE:
		return
	missing = [
		row.state for row in doc.states if not codes.is_code(frappe.utils.cint(row.get("status_code")))
	]
	if missing:
		frappe.throw(
			_("Give each state of the Dossier workflow its national status code (1 to 10): {0}").format(
				", ".join(frappe.bold(state) for state in missing)
			),
			exc=StatusCodeError,
			title=_("Missing Status Code"),
		)
	entering = {frappe.utils.cint(row.status_code) for row in doc.states}
	if codes.RECEIVED not in entering:
		frappe.throw(
			_("The Dossier workflow needs a state with status code 2, where counter dossiers enter it"),
			exc=StatusCodeError,
			title=_("Missing Status Code"),
		)


def on_state_renamed(doc, method=None, old: str | None = None, new: str | None = None, merge=False) -> None:
	"""Workflow State.after_rename: Frappe renamed the state in the workflow's rows and in every
	dossier with SQL; the cached workflow is read again."""
	for name in frappe.get_all("Workflow", filters={"document_type": DOCTYPE}, pluck="name"):
		frappe.clear_document_cache("Workflow", name)
	frappe.clear_cache(doctype=DOCTYPE)
