"""The procedure catalogue shipped with the app (setup/data/procedures.json).

Created on install, each procedure and field only when missing: the Ward Admin owns the
catalogue afterwards, and a migrate never overwrites a correction.
"""

import json
from pathlib import Path

import frappe

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
