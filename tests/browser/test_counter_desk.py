"""The counter in seconds (issue 13), in Debian's chromium, as Vietnamese-speaking staff.

- The officer receives a dossier from the workspace by scanning a citizen ID card's QR code,
  ticking all documents at once, saving and printing form 01, in at most 6 clicks, with no English
  string of the list below on screen and no console error.
- Twenty such receipts timed beside opening and saving a plain ToDo, in the same run, is a
  benchmark (marked `benchmark`, left out of the suite): `env/bin/python
  benchmarks/bench_counter_desk.py` runs it.
- The specialist opens the assigned dossier from a task row that shows its code, applicant and due
  time, requests a supplement and sees the paused clock on the form and in the list.
"""

import os
import re
import statistics
import time

import frappe
import pytest
from desk import log_in, watch_errors

UNIT = "999.42.01.H99"
PASSWORD = "Counter-Desk-2026!"
PROCEDURE_CODE = "2.000815"  # certified copy of a document: same day
CARD = "079190001234|123456789|Trần Thị Bích Ngọc|01011990|Nữ|Số 12 Lê Lợi, Phường Bến Nghé|15082021"
RECEIPTS = int(os.environ.get("WARD_COUNTER_RECEIPTS", 20))
MAX_CLICKS = 6

# What staff met in English (or in Frappe's wrong Vietnamese) on these screens before this issue
FORBIDDEN = (
	"Print",
	"Trong",
	"Save",
	"Saved",
	"Not Saved",
	"This form is not editable due to a Workflow",
	"Dossiers of",
	"VND",
	",00",
	"Scan ID Card",
	"All Received",
	"Receive a Dossier",
	"Citizen ID",
	"Applicant Name",
	"Documents",
	"Procedure",
	"Asia/Ho_Chi_Minh",
	"Received",
	"Processing",
	"Awaiting Supplement",
	"working hours",
	"Clock paused",
	"Open",
)


def english_on(page) -> list[str]:
	"""Forbidden strings in the visible text of the page (whole words, case-sensitive)."""
	text = page.evaluate("() => document.body.innerText")
	return [word for word in FORBIDDEN if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text)]


@pytest.fixture(scope="module")
def counter(site, committed_user_module):
	from dossier_factory import make_ward, remove_committed_records

	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	remove_committed_records([UNIT])
	make_ward(UNIT, "_Test Phường Một Cửa")
	officer = committed_user_module("_desk.motcua@example.vn", "One-Stop Officer", PASSWORD, unit=UNIT)
	specialist = committed_user_module("_desk.chuyenmon@example.vn", "Specialist", PASSWORD, unit=UNIT)
	for user in (officer, specialist):
		frappe.db.set_value("User", user, "language", "vi")
	frappe.db.commit()
	yield {
		"officer": officer,
		"specialist": specialist,
		"procedure": get_effective_procedure(PROCEDURE_CODE),
	}
	frappe.db.delete("ToDo", {"allocated_to": ("in", (officer, specialist))})
	frappe.db.delete("ToDo", {"owner": ("in", (officer, specialist))})
	remove_committed_records([UNIT])


class Clicks:
	"""Every click the officer makes goes through here, and is counted."""

	def __init__(self, page):
		self.page, self.count = page, 0

	def __call__(self, selector: str) -> None:
		self.page.click(selector)
		self.count += 1


def receive_one(page, desk_url: str, click: Clicks, procedure: str) -> str:
	"""From the workspace to a saved dossier; returns its name."""
	page.goto(f"{desk_url}/app/one-stop-shop")
	page.wait_for_selector(".shortcut-widget-box:has-text('Tiếp nhận hồ sơ')", timeout=60_000)
	start = time.perf_counter()
	click(".shortcut-widget-box:has-text('Tiếp nhận hồ sơ')")
	# the scanner's box has the cursor: the scanner types the QR code and Enter
	page.wait_for_selector("[data-card-scan]:focus", timeout=60_000)
	page.keyboard.type(CARD)
	page.keyboard.press("Enter")
	page.wait_for_function("() => cur_frm.doc.applicant_id_number === '079190001234'")
	# the cursor moved on to the procedure: its code, then the match in the list
	page.wait_for_selector('[data-fieldname="procedure"] input:focus')
	page.keyboard.type(PROCEDURE_CODE)
	item = f'[data-fieldname="procedure"] [role="option"]:has-text("{procedure}")'
	page.wait_for_selector(item, timeout=30_000)
	click(item)
	page.wait_for_function(
		"() => (cur_frm.doc.documents || []).length > 0 && cur_frm.doc.procedure", timeout=30_000
	)
	click("[data-all-received]")
	click(".page-actions .primary-action:visible")
	page.wait_for_function("() => cur_frm && !cur_frm.is_new()", timeout=30_000)
	elapsed = time.perf_counter() - start
	return page.evaluate("() => cur_frm.doc.name"), elapsed


def test_the_officer_receives_a_dossier_in_six_clicks(desk_url, browser, counter, artifacts):
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	english = []
	click = Clicks(page)
	try:
		log_in(page, desk_url, counter["officer"], PASSWORD)
		page.goto(f"{desk_url}/app/one-stop-shop")
		page.wait_for_selector(".shortcut-widget-box:has-text('Tiếp nhận hồ sơ')", timeout=60_000)
		english += english_on(page)
		name, _elapsed = receive_one(page, desk_url, click, counter["procedure"])

		# the slip is offered at once; form 01 is the state's default print
		page.wait_for_selector(".modal.show .btn-primary:has-text('In phiếu tiếp nhận')", timeout=30_000)
		page.screenshot(path=str(artifacts / "counter-desk-received.png"), full_page=True)
		english += english_on(page)
		click(".modal.show .btn-primary:has-text('In phiếu tiếp nhận')")
		page.wait_for_url("**/app/print/Dossier/**", timeout=30_000)
		page.wait_for_function(
			"""() => document.querySelector('.print-preview-sidebar [data-fieldname="print_format"] input')
				?.value === '01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả'""",
			timeout=30_000,
		)
		page.frame_locator("iframe.print-format-container").get_by_text(
			"GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
		).wait_for(timeout=30_000)
		page.screenshot(path=str(artifacts / "counter-desk-form-01.png"), full_page=True)
		english += english_on(page)

		page.goto(f"{desk_url}/app/dossier/{name}")
		page.wait_for_selector(".form-dashboard .indicator", timeout=60_000)
		page.wait_for_load_state("networkidle")
		english += english_on(page)
	finally:
		page.screenshot(path=str(artifacts / "counter-desk-last.png"), full_page=True)
		page.close()

	assert click.count <= MAX_CLICKS, click.count
	assert errors == [], errors
	assert english == [], english
	frappe.db.rollback()
	dossier = frappe.get_doc("Dossier", name)
	assert (dossier.status_code, dossier.applicant_name, dossier.applicant_id_number) == (
		2,
		"Trần Thị Bích Ngọc",
		"079190001234",
	)
	assert dossier.documents and all(row.received for row in dossier.documents)


@pytest.mark.benchmark
def test_twenty_receipts_beside_a_plain_todo(desk_url, browser, counter, capsys, artifacts):
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	receipts, todos = [], []
	try:
		log_in(page, desk_url, counter["officer"], PASSWORD)
		for number in range(RECEIPTS):
			page.goto(f"{desk_url}/app/todo")
			page.wait_for_selector(".page-actions .primary-action:visible", timeout=60_000)
			start = time.perf_counter()
			# a new ToDo's form for oneself (Frappe lets other users create only ToDos allocated to
			# them), opened inside the desk as the shortcut opens a new dossier's
			page.evaluate(
				"""() => { frappe.route_options = {allocated_to: frappe.session.user};
					frappe.set_route('Form', 'ToDo', 'new'); }"""
			)
			editor = ".page-container:visible [data-fieldname='description'] .ql-editor"
			page.wait_for_selector(editor, timeout=30_000)
			page.click(editor)
			page.keyboard.type(f"Việc thử {number}")
			# Frappe's text editor hands its value to the form after a short debounce
			page.wait_for_function(
				"() => cur_frm.doctype === 'ToDo' && (cur_frm.doc.description || '').includes('Việc thử')",
				timeout=30_000,
			)
			page.keyboard.press("Control+s")
			page.wait_for_function("() => cur_frm.doctype === 'ToDo' && !cur_frm.is_new()", timeout=30_000)
			todos.append(time.perf_counter() - start)
		for _ in range(RECEIPTS):
			click = Clicks(page)
			_name, elapsed = receive_one(page, desk_url, click, counter["procedure"])
			receipts.append(elapsed)
			page.keyboard.press("Escape")
	finally:
		page.screenshot(path=str(artifacts / "counter-desk-timing-last.png"), full_page=True)
		page.close()
	assert errors == [], errors
	assert len(receipts) == len(todos) == RECEIPTS
	with capsys.disabled():
		print(
			f"\n[counter] {RECEIPTS} receipts from 'Tiếp nhận hồ sơ' to the saved dossier "
			f"(scan, procedure, all received, save): median {statistics.median(receipts):.2f} s, "
			f"mean {statistics.mean(receipts):.2f} s; a plain ToDo opened and saved: "
			f"median {statistics.median(todos):.2f} s, mean {statistics.mean(todos):.2f} s "
			f"(ratio {statistics.median(receipts) / statistics.median(todos):.1f}x). "
			"Rerun: env/bin/python benchmarks/bench_counter_desk.py"
		)


def test_the_specialist_finds_the_task_and_sees_the_clock_stop(desk_url, browser, counter, artifacts):
	from dossier_factory import new_dossier
	from frappe.desk.form.assign_to import add as assign
	from frappe.model.workflow import apply_workflow

	dossier = new_dossier(counter["procedure"], unit=UNIT, applicant_name="Lê Thị Chuyên")
	dossier.insert(ignore_permissions=True)
	apply_workflow(frappe.get_doc("Dossier", dossier.name), "Start Processing")
	assign({"doctype": "Dossier", "name": dossier.name, "assign_to": [counter["specialist"]]})
	frappe.db.commit()
	due = frappe.db.get_value("Dossier", dossier.name, "due_at")

	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	english = []
	try:
		log_in(page, desk_url, counter["specialist"], PASSWORD)
		page.goto(f"{desk_url}/app/todo?status=Open")
		row = page.locator(".list-row-container", has_text=dossier.name)
		row.wait_for(timeout=60_000)
		text = row.inner_text()
		assert "Lê Thị Chuyên" in text and f"{due:%d-%m-%Y %H:%M}" in text, text
		page.screenshot(path=str(artifacts / "counter-desk-specialist-tasks.png"), full_page=True)
		english += english_on(page)
		row.locator("button:has-text('Mở')").click()
		page.wait_for_function(
			"(name) => window.cur_frm && cur_frm.doctype === 'Dossier' && cur_frm.doc.name === name",
			arg=dossier.name,
			timeout=30_000,
		)
		page.locator("text=/Đang tính thời hạn: còn .* giờ làm việc/").first.wait_for(timeout=60_000)

		# the action asks for the supplement request it needs
		page.click(".page-actions .actions-btn-group button:visible")
		page.click(".page-actions .actions-btn-group .dropdown-item:has-text('Yêu cầu bổ sung'):visible")
		page.wait_for_selector(".modal.show textarea", timeout=30_000)
		page.fill(".modal.show textarea", "Bản sao giấy khai sinh có chứng thực")
		page.click(".modal.show .btn-primary:has-text('Tiếp tục')")
		page.wait_for_function("() => cur_frm.doc.status_code === 5", timeout=30_000)
		page.locator("text=/Tạm dừng tính thời hạn từ/").first.wait_for(timeout=30_000)
		page.wait_for_load_state("networkidle")
		page.screenshot(path=str(artifacts / "counter-desk-paused.png"), full_page=True)
		english += english_on(page)

		page.goto(f"{desk_url}/app/dossier?status_code=5")
		page.wait_for_selector(".dossier-clock[data-clock='paused']", timeout=60_000)
		english += english_on(page)
	finally:
		page.screenshot(path=str(artifacts / "counter-desk-specialist-last.png"), full_page=True)
		page.close()
	assert errors == [], errors
	assert english == [], english
