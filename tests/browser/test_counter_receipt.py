"""A One-Stop Officer receives a dossier at the counter in the desk form.

The checklist fills in from the procedure, a missing mandatory document blocks the receipt
with a clear message, and the saved dossier carries its code, state and due time.
"""

import frappe
import pytest
from desk import log_in

UNIT = "999.40.01.H99"
PASSWORD = "Counter-Test-2026!"


@pytest.fixture
def counter_unit(site):
	from dossier_factory import make_ward, remove_committed_records

	remove_committed_records([UNIT])
	make_ward(UNIT, "_Test Phường Quầy")
	frappe.db.commit()
	yield UNIT
	remove_committed_records([UNIT])


def test_counter_receipt_in_the_desk(desk_url, browser, committed_user, counter_unit, artifacts):
	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	procedure = get_effective_procedure("2.000815")  # certified copy: same day
	email = committed_user("_counter.motcua@example.vn", "One-Stop Officer", PASSWORD, unit=counter_unit)
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = []
	page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
	try:
		log_in(page, desk_url, email, PASSWORD)

		page.goto(f"{desk_url}/app/dossier/new")
		page.wait_for_selector('[data-fieldname="applicant_name"] input', timeout=60_000)
		# the officer's only unit is filled in for them
		page.wait_for_function(f"() => cur_frm && cur_frm.doc.administrative_unit === '{counter_unit}'")
		page.evaluate(f"() => cur_frm.set_value('procedure', '{procedure}')")
		page.wait_for_function("() => (cur_frm.doc.documents || []).length > 0")
		page.fill('[data-fieldname="applicant_name"] input', "Nguyễn Thị Quầy")

		page.keyboard.press("Control+s")
		page.wait_for_selector(".modal.show .msgprint", timeout=30_000)
		assert "mandatory documents" in page.inner_text(".modal.show .msgprint")
		page.keyboard.press("Escape")
		# Ctrl+S goes to a dialog still on screen: wait until the message has closed
		page.wait_for_function("() => !(window.cur_dialog && cur_dialog.display)", timeout=30_000)

		page.evaluate(
			"""() => cur_frm.doc.documents.forEach(
				(d) => frappe.model.set_value(d.doctype, d.name, 'received', 1))"""
		)
		page.keyboard.press("Control+s")
		page.wait_for_function("() => cur_frm && !cur_frm.is_new()", timeout=30_000)
		name = page.evaluate("() => cur_frm.doc.name")
		page.wait_for_load_state("networkidle")
	finally:
		page.screenshot(path=str(artifacts / "dossier-counter-receipt.png"), full_page=True)

	assert name.startswith(f"{counter_unit}-")
	frappe.db.rollback()
	dossier = frappe.get_doc("Dossier", name)
	assert (dossier.status, dossier.status_code) == ("Received", 2)
	assert dossier.due_at and dossier.appointment_at == dossier.due_at
	assert dossier.owner == email
	assert errors == [], errors
	page.close()
