"""The synthetic province's units: the province and its wards and communes, on one calendar."""

from __future__ import annotations

import frappe

PROVINCE_CODE = "000.00.00.S01"
PROVINCE_NAME = "Tỉnh Tổng hợp"
UNIT_CODE = "000.{:02d}.{:02d}.S01"  # unit number // 100, unit number % 100
MAX_UNITS = 9999


def unit_code(number: int) -> str:
	return UNIT_CODE.format(number // 100, number % 100)


def province_units() -> list[str]:
	"""The province's units (not the province itself), by code."""
	bounds = frappe.db.get_value("Administrative Unit", PROVINCE_CODE, ["lft", "rgt"])
	if not bounds:
		return []
	unit = frappe.qb.DocType("Administrative Unit")
	return (
		frappe.qb.from_(unit)
		.select(unit.name)
		.where((unit.lft > bounds[0]) & (unit.rgt < bounds[1]))
		.orderby(unit.name)
	).run(pluck=True)


def units_with_dossiers() -> bool:
	units = province_units()
	return bool(units) and bool(frappe.db.exists("Dossier", {"administrative_unit": ("in", units)}))


def make_units(count: int, calendar: str) -> list[tuple[str, str]]:
	"""The province and `count` units under it (the missing ones); returns [(code, unit name)]."""
	if not frappe.db.exists("Administrative Unit", PROVINCE_CODE):
		_insert_unit(PROVINCE_CODE, PROVINCE_NAME, "Province", None, calendar, is_group=1)
	units = []
	for number in range(1, count + 1):
		unit_type, prefix = ("Commune", "Xã") if number % 3 == 0 else ("Ward", "Phường")
		code, name = unit_code(number), f"{prefix} Tổng hợp {number:03d}"
		if not frappe.db.exists("Administrative Unit", code):
			_insert_unit(code, name, unit_type, PROVINCE_CODE, calendar)
		units.append((code, name))
	return units


def _insert_unit(code: str, name: str, unit_type: str, parent: str | None, calendar: str, is_group=0):
	frappe.get_doc(
		{
			"doctype": "Administrative Unit",
			"unit_name": name,
			"unit_code": code,
			"unit_type": unit_type,
			"is_group": is_group,
			"parent_administrative_unit": parent,
			"company": frappe.defaults.get_global_default("company"),
			"working_calendar": calendar,
			"valid_from": "2025-07-01",
		}
	).insert(ignore_permissions=True)
