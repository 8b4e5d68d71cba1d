"""The procedures a citizen may look up and file: the desk's own catalogue (Administrative
Procedure), read live, never copied. A procedure is in force when it is enabled and today lies
between its `effective_from` and `effective_to`.

Search ignores Vietnamese accents and case ("khai sinh" finds "Đăng ký khai sinh"): the catalogue
of a province is a few hundred procedures, matched in Python on its names and codes.
"""

import unicodedata

import frappe
from frappe.utils import nowdate

from ward_admin.printing import format_vnd, time_limit_text
from ward_admin.services.fees import compute_fee

ONLINE_LEVELS = {
	"Full": "Trực tuyến toàn trình",
	"Partial": "Trực tuyến một phần",
	"None": "Chỉ nộp trực tiếp",
}
# the kinds of units that receive dossiers (a province's own one-stop excepted)
RECEIVING_UNIT_TYPES = ("Ward", "Commune", "Special Zone")


def fold(text: str | None) -> str:
	"""Lower case without accents: "Đăng Ký" -> "dang ky"."""
	text = (text or "").replace("Đ", "D").replace("đ", "d")
	decomposed = unicodedata.normalize("NFD", text)
	return " ".join("".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower().split())


def in_force_filters(today: str | None = None) -> list:
	today = today or nowdate()
	return [
		["enabled", "=", 1],
		["effective_from", "<=", today],
	]


def procedures_in_force(search: str | None = None, field: str | None = None) -> list[frappe._dict]:
	"""The procedures in force, by field then name; those matching `search` and `field` when given."""
	today = nowdate()
	rows = frappe.get_all(
		"Administrative Procedure",
		filters=in_force_filters(today),
		fields=[
			"name",
			"procedure_code",
			"procedure_name",
			"procedure_field",
			"processing_time",
			"time_unit",
			"fee_amount",
			"online_level",
			"legal_basis",
			"effective_to",
		],
		order_by="procedure_field asc, procedure_name asc",
		limit=0,
	)
	rows = [row for row in rows if not row.effective_to or str(row.effective_to) >= today]
	if field:
		rows = [row for row in rows if row.procedure_field == field]
	words = fold(search).split()
	if words:
		rows = [
			row
			for row in rows
			if all(
				word in fold(f"{row.procedure_name} {row.procedure_code} {row.procedure_field}")
				for word in words
			)
		]
	return rows


def describe(row) -> frappe._dict:
	"""What the catalogue shows of one procedure (its required documents included)."""
	procedure = frappe.get_cached_doc("Administrative Procedure", row.name)
	# the fee of one page and one copy, as the counter computes it
	rules = [rule.as_dict() for rule in procedure.fee_rules]
	fee = compute_fee(rules) if rules else int(procedure.fee_amount or 0)
	return frappe._dict(
		name=row.name,
		code=procedure.procedure_code,
		title=procedure.procedure_name,
		field=procedure.procedure_field,
		time_limit=time_limit_text(procedure.processing_time, procedure.time_unit),
		fee=format_vnd(fee) if fee else "Không thu phí, lệ phí",
		legal_basis=procedure.legal_basis or "",
		online_level=procedure.online_level,
		online_label=ONLINE_LEVELS.get(procedure.online_level, ""),
		can_file_online=procedure.online_level in ("Full", "Partial"),
		documents=[
			frappe._dict(name=doc.document_name, mandatory=bool(doc.mandatory)) for doc in procedure.documents
		],
	)


def fields() -> list[str]:
	return frappe.get_all("Procedure Field", pluck="name", order_by="name asc")


def receiving_units() -> list[frappe._dict]:
	"""The units a citizen may file with: wards, communes and special zones not merged away."""
	today = nowdate()
	rows = frappe.get_all(
		"Administrative Unit",
		filters={"unit_type": ("in", RECEIVING_UNIT_TYPES)},
		fields=["name", "unit_name", "valid_to", "merged_into"],
		order_by="unit_name asc",
		limit=0,
	)
	return [row for row in rows if not row.merged_into and (not row.valid_to or str(row.valid_to) >= today)]
