"""Records the dossier tests share: a ward on the shipped calendar and small procedures."""

import frappe
from frappe.model.workflow import apply_workflow

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


def receive(procedure, frozen, at="2026-03-02 10:00", **values):
	"""A counter receipt at a given local time, every document ticked."""
	with frozen(at):
		return new_dossier(procedure, **values).insert()


def pay(doc, at, frozen, channel="Cash", **values):
	"""The applicant pays the dossier's unpaid fee at the counter: its receipt is issued at `at`."""
	from ward_admin.fees.doctype.fee_receipt.fee_receipt import outstanding

	dossier = frappe.get_doc("Dossier", doc.name)
	# a real clock has microseconds: Frappe compares a saved document's timestamp as text
	with frozen(f"{at}:00.250000" if len(at) == 16 else at):
		receipt = frappe.get_doc(
			{
				"doctype": "Fee Receipt",
				"dossier": dossier.name,
				"amount": outstanding(dossier.name, dossier.fee_amount),
				"payment_channel": channel,
				**values,
			}
		).insert()
		receipt.submit()
	return receipt


def act(doc, action, at, frozen, **values):
	"""Apply a workflow action at a given local time, saving `values` first as the form would."""
	with frozen(at):
		if values:
			doc = frappe.get_doc("Dossier", doc.name)
			doc.update(values)
			doc.save()
		apply_workflow(frappe.get_doc("Dossier", doc.name), action)
	return frappe.get_doc("Dossier", doc.name)


def make_unit_user(email: str, role: str, unit: str | None = UNIT_CODE, commit: bool = False) -> str:
	"""A user with one role, restricted to one unit by a default User Permission (none if unit is None)."""
	if not frappe.db.exists("User", email):
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": role,
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		).insert(ignore_permissions=True)
	if unit and not frappe.db.exists(
		"User Permission", {"user": email, "allow": "Administrative Unit", "for_value": unit}
	):
		frappe.get_doc(
			{
				"doctype": "User Permission",
				"user": email,
				"allow": "Administrative Unit",
				"for_value": unit,
				"apply_to_all_doctypes": 1,
				"is_default": 1,
			}
		).insert(ignore_permissions=True)
	if commit:
		frappe.db.commit()
	return email


def remove_receipts(unit: str) -> None:
	"""A test unit's receipts, their Journal Entries (with their ledger rows) and counters.

	The app never deletes a receipt; a test's own are removed directly from the tables."""
	receipts = frappe.get_all(
		"Fee Receipt", filters={"administrative_unit": unit}, fields=["name", "journal_entry"], limit=0
	)
	entries = [row.journal_entry for row in receipts if row.journal_entry]
	if entries:
		for doctype in ("GL Entry", "Payment Ledger Entry"):
			frappe.db.delete(doctype, {"voucher_no": ("in", entries)})
		frappe.db.delete("Journal Entry Account", {"parent": ("in", entries)})
		frappe.db.delete("Journal Entry", {"name": ("in", entries)})
	if receipts:
		frappe.db.delete("Fee Receipt", {"name": ("in", [row.name for row in receipts])})
	frappe.db.delete("Receipt Symbol", {"administrative_unit": unit})
	series = frappe.qb.DocType("Series")
	frappe.qb.from_(series).delete().where(series.name.like(f"FR|{unit}|%")).run()


def remove_committed_records(units=(), procedure_codes=()) -> None:
	"""For tests that commit: their units' dossiers and counters, the units, their procedures.

	The app never deletes a unit (units merge); a test's own unit is removed directly.
	"""
	frappe.db.rollback()
	series = frappe.qb.DocType("Series")
	for unit in units:
		remove_receipts(unit)
		for name in frappe.get_all("Dossier", filters={"administrative_unit": unit}, pluck="name", limit=0):
			frappe.delete_doc("Dossier", name, force=True, ignore_permissions=True)
		frappe.qb.from_(series).delete().where(series.name.like(f"{unit}-%")).run()
		# what their saves queued for the outside (the dossier codes come again in the next run)
		messages = frappe.get_all("Outbox Message", filters={"administrative_unit": unit}, pluck="name")
		if messages:
			frappe.db.delete("Outbox Attempt", {"parent": ("in", messages)})
			frappe.db.delete("Outbox Message", {"name": ("in", messages)})
		frappe.db.delete("Administrative Unit", {"name": unit})
	for code in procedure_codes:
		for name in frappe.get_all(
			"Administrative Procedure", filters={"procedure_code": code}, pluck="name"
		):
			frappe.delete_doc("Administrative Procedure", name, force=True, ignore_permissions=True)
	frappe.db.commit()


def make_employee(user: str, name: str) -> str:
	"""An active ERPNext Employee linked to `user` (the emulation module credits it)."""
	existing = frappe.db.get_value("Employee", {"user_id": user})
	if existing:
		return existing
	company = frappe.get_all("Company", pluck="name", order_by="creation", limit=1)[0]
	return (
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": name,
				"gender": "Female",
				"date_of_birth": "1990-01-01",
				"date_of_joining": "2020-01-01",
				"company": company,
				"user_id": user,
				"status": "Active",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def make_citizen(email: str, password: str | None = None, first_name: str = "Công dân") -> str:
	"""A website user with the Citizen role (as the portal's sign-up makes), with a password when
	the test logs in over HTTP."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"user_type": "Website User",
				"send_welcome_email": 0,
			}
		).insert(ignore_permissions=True)
		user.add_roles("Citizen")
	if password:
		from frappe.utils.password import update_password

		update_password(email, password)
	return email
