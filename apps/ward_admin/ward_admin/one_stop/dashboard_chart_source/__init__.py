import frappe


def dossier_conditions(filters, fields: tuple[str, ...]) -> list[list]:
	"""A chart's filter values (the fields its dialog offers) as get_list conditions on Dossier."""
	values = frappe.parse_json(filters) or {}
	return [["Dossier", field, "=", values[field]] for field in fields if values.get(field)]
