"""The desk without friction (issue 23), in Debian's chromium, as the staff whose work it is:

- the officer types a dossier's code into the search bar and presses Enter: the dossier opens;
- the leader resolves a dossier awaiting signature: before anything happens they see what they
  sign (the dossier, who prepared it, how it will count) and confirm it;
- once a receipt covers a dossier's fee, the officer moves it on from the dossier's form in one
  click, without looking for the workflow action.
"""

import frappe
import pytest
from desk import log_in, watch_failures

PROVINCE = "999.94.00.S94"
WARD = "999.94.01.H94"
PASSWORD = "Desk-Friction-2026!"
PROCEDURE = "9.999940"
OFFICER = "_athand.motcua@example.vn"
SPECIALIST = "_athand.hotich@example.vn"
LEADER = "_athand.chutich@example.vn"


def as_user(user, action, *args):
	frappe.set_user(user)
	try:
		return action(*args)
	finally:
		frappe.set_user("Administrator")


@pytest.fixture(scope="module")
def ward(site, committed_user_module):
	from dossier_factory import make_procedure, new_dossier, remove_committed_records
	from frappe.model.workflow import apply_workflow

	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

	remove_committed_records([WARD, PROVINCE], [PROCEDURE])
	for code, name, kind, parent in (
		(PROVINCE, "_Test Tỉnh Bàn Làm Việc", "Province", None),
		(WARD, "_Test Phường Bàn Làm Việc", "Ward", PROVINCE),
	):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": name,
				"unit_code": code,
				"unit_type": kind,
				"is_group": int(kind == "Province"),
				"parent_administrative_unit": parent,
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert(ignore_permissions=True)
	procedure = make_procedure(PROCEDURE)
	for email, role, first, last in (
		(OFFICER, "One-Stop Officer", "Nguyễn Thị", "Mai"),
		(SPECIALIST, "Specialist", "Trần Văn", "Hùng"),
		(LEADER, "Ward Leader", "Lê Quang", "Minh"),
	):
		committed_user_module(email, role, PASSWORD, unit=WARD)
		frappe.db.set_value("User", email, {"first_name": first, "last_name": last, "language": "vi"})

	def receive(name):
		return as_user(OFFICER, lambda: new_dossier(procedure, unit=WARD, applicant_name=name).insert())

	def act(doc, user, *actions):
		for action in actions:
			doc = as_user(user, apply_workflow, frappe.get_doc("Dossier", doc.name), action)
		return doc

	searched = receive("Phan Văn Tìm")
	signing = act(receive("Quách Thị Ký"), SPECIALIST, "Start Processing", "Submit for Signature")
	paying = act(receive("Tạ Văn Phí"), SPECIALIST, "Start Processing", "Request Payment")
	receipt = frappe.get_doc(
		{
			"doctype": "Fee Receipt",
			"dossier": paying.name,
			"amount": paying.fee_amount,
			"payment_channel": "Cash",
		}
	)
	as_user(OFFICER, lambda: receipt.insert().submit())
	frappe.db.commit()
	yield frappe._dict(searched=searched.name, signing=signing.name, paying=paying.name)
	remove_committed_records([WARD, PROVINCE], [PROCEDURE])


def test_a_code_and_enter_in_the_search_bar_open_the_dossier(ward, desk_url, browser, artifacts):
	page = browser.new_page(viewport={"width": 1366, "height": 900})
	failures = watch_failures(page, desk_url)
	try:
		log_in(page, desk_url, OFFICER, PASSWORD)
		page.wait_for_load_state("networkidle")
		page.click("#navbar-search")
		page.keyboard.type(ward.searched[-11:])  # the code's tail, as read aloud: 261206-0001
		page.wait_for_selector(".awesomplete ul li", timeout=30_000)
		first = page.inner_text(".awesomplete ul li >> nth=0")
		page.screenshot(path=str(artifacts / "search-bar-enter.png"))
		page.keyboard.press("Enter")
		page.wait_for_url(f"**/app/dossier/{ward.searched}", timeout=30_000)
	finally:
		page.close()
	assert "Tìm hồ sơ" in first, first
	assert failures == [], failures


def test_the_leader_sees_what_they_sign_before_signing(ward, desk_url, browser, artifacts):
	page = browser.new_page(viewport={"width": 1366, "height": 900})
	failures = watch_failures(page, desk_url)
	try:
		log_in(page, desk_url, LEADER, PASSWORD)
		page.goto(f"{desk_url}/app/dossier/{ward.signing}")
		page.wait_for_function("() => window.cur_frm && cur_frm.doc.name", timeout=60_000)
		page.wait_for_load_state("networkidle")
		page.click(".page-actions .actions-btn-group button:visible")
		page.click(".page-actions .actions-btn-group .dropdown-item:has-text('Hoàn thành xử lý'):visible")
		dialog = page.locator(".modal-dialog:visible")
		dialog.wait_for(timeout=30_000)
		summary = dialog.inner_text()
		page.screenshot(path=str(artifacts / "signing-confirmation.png"))
		# nothing is signed before the leader confirms
		frappe.db.rollback()
		assert frappe.db.get_value("Dossier", ward.signing, "status_code") == 4
		dialog.locator("button.btn-primary:has-text('Ký và hoàn thành')").click()
		page.wait_for_function("() => cur_frm.doc.status_code === 9", timeout=60_000)
	finally:
		page.close()
	assert ward.signing in summary and "Quách Thị Ký" in summary
	assert "Trần Văn Hùng" in summary  # who prepared the result
	assert any(word in summary for word in ("Trước hạn", "Đúng hạn", "Quá hạn"))
	assert failures == [], failures


def test_a_paid_fee_moves_the_dossier_on_in_one_click(ward, desk_url, browser):
	page = browser.new_page(viewport={"width": 1366, "height": 900})
	failures = watch_failures(page, desk_url)
	try:
		log_in(page, desk_url, OFFICER, PASSWORD)
		page.goto(f"{desk_url}/app/dossier/{ward.paying}")
		page.wait_for_function("() => window.cur_frm && cur_frm.doc.name", timeout=60_000)
		button = page.locator("button.btn-primary:has-text('Đã nộp phí, lệ phí'):visible")
		button.wait_for(timeout=30_000)
		button.click()
		page.wait_for_function("() => cur_frm.doc.status_code === 4", timeout=60_000)
	finally:
		page.close()
	assert failures == [], failures
