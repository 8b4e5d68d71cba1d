"""Records the dossier tests share: a ward on the shipped calendar and small procedures."""

import frappe

from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

UNIT_CODE = "999.10.01.H99"


def make_ward(code=UNIT_CODE, name="_Test Phường Hồ Sơ") -> str:
	if not frappe.db.exists("Administrative Unit", code):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": name,
				"unit_code": code,
				"unit_type": "Ward",
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert()
	return code


def make_procedure(code="9.999100", policy="Restart", days=3, unit="Working Days") -> str:
	existing = frappe.db.get_value("Administrative Procedure", {"procedure_code": code})
	if existing:
		return existing
	return (
		frappe.get_doc(
			{
				"doctype": "Administrative Procedure",
				"procedure_code": code,
				"procedure_name": f"_Test thủ tục {code}",
				"procedure_field": "Hộ tịch",
				"processing_time": days,
				"time_unit": unit,
				"supplement_policy": policy,
				"effective_from": "2025-07-01",
				"fee_rules": [{"rule_type": "Flat", "amount": 10000}],
				"documents": [
					{"document_name": "Tờ khai", "mandatory": 1},
					{"document_name": "Giấy ủy quyền", "mandatory": 0},
				],
			}
		)
		.insert()
		.name
	)


def new_dossier(procedure, unit=UNIT_CODE, channel="Direct", received=True, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Dossier",
			"administrative_unit": unit,
			"procedure": procedure,
			"channel": channel,
			"applicant_name": "Nguyễn Văn An",
			"applicant_id_number": "001090012345",
			"applicant_phone": "0912345678",
			**values,
		}
	)
	doc.run_method("before_insert")  # fills the checklist from the procedure, as the form does
	for row in doc.documents:
		row.received = 1 if received else 0
	return doc
