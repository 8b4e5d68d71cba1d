"""The print view of a dossier, opened from a link (as from the list), shows the form of the
dossier's state, and Frappe's generic "Standard" format is offered to no ward staff."""

import frappe
import pytest
from desk import log_in, watch_errors

UNIT = "999.43.01.H99"
PASSWORD = "Print-View-2026!"
FORM_01 = "01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
FORM_02 = "02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"


@pytest.fixture(scope="module")
def dossiers(site, committed_user_module):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records
	from frappe.model.workflow import apply_workflow

	remove_committed_records([UNIT])
	make_ward(UNIT, "_Test Phường In")
	procedure = make_procedure("9.999430")
	officer = committed_user_module("_print.motcua@example.vn", "One-Stop Officer", PASSWORD, unit=UNIT)
	frappe.db.set_value("User", officer, "language", "vi")
	received = new_dossier(procedure, unit=UNIT).insert().name
	waiting = new_dossier(procedure, unit=UNIT).insert()
	apply_workflow(waiting, "Start Processing")
	waiting = frappe.get_doc("Dossier", waiting.name)
	waiting.supplement_request = "Bản sao giấy khai sinh"
	waiting.save()
	apply_workflow(waiting, "Request Supplement")
	frappe.db.commit()
	yield {"officer": officer, "received": received, "waiting": waiting.name}
	remove_committed_records([UNIT], ["9.999430"])


def selected_format(page) -> str:
	return page.evaluate(
		"""() => document.querySelector('.print-preview-sidebar [data-fieldname="print_format"] input')?.value"""
	)


def test_a_link_to_the_print_view_opens_the_state_s_form(desk_url, browser, dossiers):
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	try:
		log_in(page, desk_url, dossiers["officer"], PASSWORD)
		for name, form in ((dossiers["waiting"], FORM_02), (dossiers["received"], FORM_01)):
			page.goto(f"{desk_url}/app/print/Dossier/{name}")
			page.wait_for_function(
				f"() => document.querySelector('.print-preview-sidebar [data-fieldname=\"print_format\"] input')?.value === {form!r}",
				timeout=60_000,
			)
			assert selected_format(page) == form
		# the print menus offer the dossier's forms only, the generic format to no ward staff
		formats = page.evaluate("() => frappe.meta.get_print_formats('Dossier')")
		assert formats[0] == FORM_01 and "Standard" not in formats, formats
	finally:
		page.close()
	assert errors == [], errors


def test_the_generic_format_is_refused_to_staff(desk_url, dossiers):
	import requests

	s = requests.Session()
	s.post(f"{desk_url}/api/method/login", data={"usr": dossiers["officer"], "pwd": PASSWORD}, timeout=60)
	r = s.get(
		f"{desk_url}/printview",
		params={"doctype": "Dossier", "name": dossiers["received"], "format": "Standard"},
		timeout=60,
	)
	assert r.status_code == 403, r.status_code
	r = s.get(
		f"{desk_url}/printview", params={"doctype": "Dossier", "name": dossiers["received"]}, timeout=60
	)
	assert r.status_code == 200 and "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in r.text
