"""The officer collects a fee in the desk, in Vietnamese: the dossier awaiting payment offers
"Collect Fee", the receipt is issued on submit, the dossier's payment pause ends, and the A5
receipt prints (PDF) with a QR code of the public check page, which answers a guest.

Every label the officer reads on the receipt's form must be Vietnamese: a label that is one of the
app's English source strings fails the test.
"""

import csv
import io
import re
from pathlib import Path

import frappe
import pytest
import requests
from desk import log_in, watch_errors
from frappe.model.workflow import apply_workflow

UNIT = "999.42.01.H99"
PROCEDURE_CODE = "9.999420"
PASSWORD = "Fee-Test-2026!"
PRINT_FORMAT = "Biên lai thu phí, lệ phí"
VI_CSV = Path(__file__).resolve().parents[2] / "apps/ward_admin/ward_admin/translations/vi.csv"
A5_POINTS = (419.5, 595.3)


@pytest.fixture
def awaiting_payment(site):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records

	remove_committed_records([UNIT], [PROCEDURE_CODE])
	make_ward(UNIT, "_Test Phường Thu Phí")
	procedure = make_procedure(PROCEDURE_CODE)
	dossier = new_dossier(procedure, unit=UNIT, applicant_name="Lê Văn Nộp").insert()
	apply_workflow(frappe.get_doc("Dossier", dossier.name), "Start Processing")
	apply_workflow(frappe.get_doc("Dossier", dossier.name), "Request Payment")
	frappe.db.commit()
	yield dossier.name
	remove_committed_records([UNIT], [PROCEDURE_CODE])


def english_sources() -> set[str]:
	"""The app's English strings whose Vietnamese differs: none may reach a Vietnamese screen."""
	with open(VI_CSV, encoding="utf-8", newline="") as f:
		return {row[0] for row in csv.reader(f) if row and row[0] != row[1]}


def visible_labels(page) -> list[str]:
	return page.evaluate(
		"""() => [...document.querySelectorAll(
			'.layout-main-section .control-label, .layout-main-section .section-head, '
			+ '.page-actions button, .page-actions .btn, .form-dashboard .indicator'
		)].filter((el) => el.offsetParent !== null).map((el) => el.innerText.trim()).filter(Boolean)"""
	)


def test_the_officer_collects_cash_and_prints_the_receipt(
	desk_url, browser, committed_user, awaiting_payment, artifacts
):
	from ward_admin.printing import qr_code_svg

	email = committed_user("_fee.motcua@example.vn", "One-Stop Officer", PASSWORD, unit=UNIT)
	frappe.db.set_value("User", email, "language", "vi")
	frappe.db.commit()
	english = english_sources()
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	untranslated = []
	try:
		log_in(page, desk_url, email, PASSWORD)
		page.goto(f"{desk_url}/app/dossier/{awaiting_payment}")
		page.wait_for_selector(".form-dashboard .indicator:has-text('Đã nộp')", timeout=60_000)
		page.click("button:has-text('Thu phí, lệ phí')")

		page.wait_for_function(
			"() => cur_frm && cur_frm.doctype === 'Fee Receipt' && cur_frm.doc.amount === 10000",
			timeout=30_000,
		)
		page.wait_for_selector('[data-fieldname="payer_name"] input', timeout=30_000)
		untranslated += [label for label in visible_labels(page) if label in english]
		page.keyboard.press("Control+s")
		page.wait_for_function("() => cur_frm && !cur_frm.is_new()", timeout=30_000)
		page.wait_for_load_state("networkidle")
		untranslated += [label for label in visible_labels(page) if label in english]
		# submit: Frappe asks to confirm, then the receipt is issued
		page.keyboard.press("Control+s")
		page.wait_for_selector(".modal.show .btn-primary", timeout=30_000)
		page.click(".modal.show .btn-primary")
		page.wait_for_function("() => cur_frm && cur_frm.doc.docstatus === 1", timeout=60_000)
		page.wait_for_load_state("networkidle")
		untranslated += [label for label in visible_labels(page) if label in english]
		name = page.evaluate("() => cur_frm.doc.name")
		page.screenshot(path=str(artifacts / "fee-receipt-issued.png"), full_page=True)

		# the payment pause can end now
		page.goto(f"{desk_url}/app/dossier/{awaiting_payment}")
		page.wait_for_selector(".form-dashboard .indicator:has-text('Đã nộp')", timeout=60_000)
		page.evaluate(
			"""(name) => frappe.xcall('frappe.model.workflow.apply_workflow',
				{doc: cur_frm.doc, action: 'Payment Received'})""",
			awaiting_payment,
		)

		# the A5 PDF, as the print menu downloads it
		pdf = page.evaluate(
			"""async ([name, format]) => {
				const url = '/api/method/frappe.utils.print_format.download_pdf?' + new URLSearchParams(
					{doctype: 'Fee Receipt', name, format, no_letterhead: 1});
				const r = await fetch(url);
				return {status: r.status, type: r.headers.get('content-type'),
					bytes: Array.from(new Uint8Array(await r.arrayBuffer()))};
			}""",
			[name, PRINT_FORMAT],
		)
		html = page.evaluate(
			"""async ([name, format]) => (await fetch('/printview?' + new URLSearchParams(
				{doctype: 'Fee Receipt', name, format, no_letterhead: 1}))).text()""",
			[name, PRINT_FORMAT],
		)
	finally:
		page.screenshot(path=str(artifacts / "fee-receipt-last.png"), full_page=True)
		page.close()

	assert errors == [], errors
	assert untranslated == [], untranslated

	frappe.db.rollback()
	receipt = frappe.get_doc("Fee Receipt", name)
	assert receipt.status == "Issued" and receipt.receipt_number >= 1 and receipt.issued_by == email
	assert frappe.db.get_value("Dossier", awaiting_payment, "status_code") == 4

	from pypdf import PdfReader

	assert pdf["status"] == 200 and "pdf" in pdf["type"]
	reader = PdfReader(io.BytesIO(bytes(pdf["bytes"])))
	box = reader.pages[0].mediabox
	# A5 is 148 x 210 mm: 419.5 x 595.3 points, which wkhtmltopdf rounds to whole points
	assert abs(float(box.width) - A5_POINTS[0]) < 1 and abs(float(box.height) - A5_POINTS[1]) < 1
	# pypdf splits Vietnamese glyph runs with blanks: compare without them
	text = "".join("".join(page_.extract_text() for page_ in reader.pages).split())
	assert "BIÊNLAITHUPHÍ,LỆPHÍ" in text and "Mườinghìnđồng" in text
	assert f"{receipt.receipt_symbol}" in text and f"{receipt.receipt_number:07d}" in text

	# the printed address of the check page, which the QR code carries
	url = re.search(r"https?://[^\s\"<]+/bien-lai/[\w-]+", html).group(0)
	assert url.endswith(receipt.verification_token) and url.replace("://", "").replace(
		"/", ""
	) in text.replace("://", "").replace("/", "")
	assert f'src="{qr_code_svg(url)}"' in html
	check = requests.get(f"{desk_url}/bien-lai/{receipt.verification_token}", timeout=60)
	assert check.status_code == 200
	assert f"{receipt.receipt_number:07d}" in check.text and receipt.receipt_symbol in check.text
	assert "Lê Văn Nộp" not in check.text
