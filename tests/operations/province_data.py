"""Records the operations tests make in ops.localhost (imported by code that `run_in_site` runs
there, so it commits into the stack's own database, never the test site's)."""

import frappe
import pytz
from dossier_factory import make_employee, make_procedure, make_unit_user, make_ward, new_dossier
from frappe.desk.form.assign_to import add as assign
from frappe.utils import get_datetime, get_system_timezone
from freezegun import freeze_time

PROCEDURE_CODE = "9.999700"
# a Monday; dossiers of a 3-working-day procedure received then are overdue from Thursday
RECEIVED_AT = "2026-03-02 08:00"
OVERDUE_ON = "2026-03-09 17:30"


def frozen(local_time: str):
	zone = pytz.timezone(get_system_timezone())
	return freeze_time(zone.localize(get_datetime(local_time)).astimezone(pytz.utc))


def ward_with_staff(code: str, name: str) -> dict:
	"""A ward, its officer and specialist (each an Employee, so the emulation module credits them)."""
	unit = make_ward(code, name)
	officer = make_unit_user(f"_ops.officer.{code.lower()}@example.vn", "One-Stop Officer", unit)
	specialist = make_unit_user(f"_ops.specialist.{code.lower()}@example.vn", "Specialist", unit)
	make_employee(officer, f"Cán bộ một cửa {code}")
	make_employee(specialist, f"Chuyên viên {code}")
	procedure = make_procedure(PROCEDURE_CODE)
	frappe.db.commit()
	return {"unit": unit, "officer": officer, "specialist": specialist, "procedure": procedure}


def overdue_dossiers(ward: dict, count: int) -> list[str]:
	"""`count` dossiers received on RECEIVED_AT and assigned to the specialist: overdue on
	OVERDUE_ON, when the "Dossier Overdue" rule credits the assignee once per working day."""
	names = []
	with frozen(RECEIVED_AT):
		for _ in range(count):
			frappe.set_user(ward["officer"])  # received at the counter by the ward's officer
			doc = new_dossier(ward["procedure"], unit=ward["unit"]).insert()
			frappe.set_user("Administrator")
			assign({"doctype": "Dossier", "name": doc.name, "assign_to": [ward["specialist"]]})
			names.append(doc.name)
	frappe.db.commit()
	return names


def point_entries(unit: str) -> list[tuple]:
	entry = frappe.qb.DocType("Emulation Point Entry")
	return (
		frappe.qb.from_(entry)
		.select(entry.reference_name, entry.user, entry.points, entry.posting_date)
		.where(entry.administrative_unit == unit)
		.orderby(entry.reference_name)
		.run()
	)
