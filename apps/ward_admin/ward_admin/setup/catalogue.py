"""The procedure catalogue shipped with the app (setup/data/procedures.json).

Created on install, each procedure and field only when missing: the Ward Admin owns the
catalogue afterwards, and a migrate never overwrites a correction.
"""

import json
from pathlib import Path

import frappe

from ward_admin.services.dossier_states import DEFAULT_STATES

DATA = Path(__file__).parent / "data"
CATALOGUE_EFFECTIVE_FROM = "2025-07-01"  # communes and wards took these procedures over on 1/7/2025


def _load(name: str):
	return json.loads((DATA / name).read_text(encoding="utf-8"))


def ensure_procedure_fields() -> None:
	for row in _load("procedure_fields.json"):
		if frappe.db.exists("Procedure Field", row["field_name"]):
			continue
		frappe.get_doc(
			{
				"doctype": "Procedure Field",
				"field_name": row["field_name"],
				"field_code": row.get("field_code"),
				"description": row.get("note"),
			}
		).insert(ignore_permissions=True)


def ensure_procedure_catalogue() -> int:
	"""Create the shipped procedures that are missing; returns how many were created."""
	ensure_procedure_fields()
	created = 0
	for row in _load("procedures.json"):
		if frappe.db.exists("Administrative Procedure", {"procedure_code": row["procedure_code"]}):
			continue
		frappe.get_doc(
			{
				"doctype": "Administrative Procedure",
				"procedure_code": row["procedure_code"],
				"procedure_name": row["procedure_name"],
				"procedure_field": row["procedure_field"],
				"processing_time": row["processing_time"],
				"time_unit": row["time_unit"],
				"supplement_policy": row["supplement_policy"],
				"online_level": row["online_level"],
				"fee_amount": row.get("fee_amount") or 0,
				"fee_rules": row.get("fee_rules", []),
				"documents": row.get("documents", []),
				"legal_basis": row.get("legal_basis"),
				"note": row.get("note"),
				"effective_from": CATALOGUE_EFFECTIVE_FROM,
			}
		).insert(ignore_permissions=True)
		created += 1
	return created


def ensure_internal_processes() -> int:
	"""Give the shipped procedures of a field its model internal process
	(data/internal_processes.json), where a procedure has none yet; returns how many got one.

	The model names the shipped workflow's states. Where an admin renamed one, the state with the
	same national code at the same rank among that code's states is used; where there is none,
	the procedure is left without a process (its dossiers keep the national steps).
	"""
	processes = {
		field: steps for field, steps in _load("internal_processes.json").items() if not field.startswith("_")
	}
	states = workflow_states()
	if not states:
		return 0
	given = 0
	for field, steps in processes.items():
		resolved = [
			{**step, "workflow_state": resolve_state(step["workflow_state"], states)} for step in steps
		]
		if not all(step["workflow_state"] for step in resolved):
			continue
		for name in frappe.get_all(
			"Administrative Procedure", filters={"procedure_field": field}, pluck="name"
		):
			procedure = frappe.get_doc("Administrative Procedure", name)
			if procedure.process_steps:
				continue
			for step in resolved:
				procedure.append("process_steps", step)
			procedure.save(ignore_permissions=True)
			given += 1
	return given


def workflow_states() -> list[tuple[str, int]]:
	"""The Dossier workflow's states and their codes, in order."""
	from frappe.model.workflow import get_workflow_name

	workflow = get_workflow_name("Dossier")
	if not workflow:
		return []
	rows = frappe.get_all(
		"Workflow Document State",
		filters={"parent": workflow, "parenttype": "Workflow"},
		fields=["state", "status_code"],
		order_by="idx",
	)
	return [(row.state, frappe.utils.cint(row.status_code)) for row in rows]


def resolve_state(default_name: str, states: list[tuple[str, int]]) -> str | None:
	"""The workflow's state standing where the shipped `default_name` stands."""
	if default_name in {state for state, _code in states}:
		return default_name
	code = next((code for name, code, *_rest in DEFAULT_STATES if name == default_name), None)
	rank = [name for name, c, *_rest in DEFAULT_STATES if c == code].index(default_name) if code else 0
	same_code = [state for state, c in states if c == code]
	return same_code[rank] if rank < len(same_code) else None
