"""A citizen's whole journey online, on a phone-sized screen in Debian's chromium (issue 22):

signs up with an e-mail address and proves it by the link the welcome e-mail carries (a real SMTP
server on 127.0.0.1 receives it), finds the birth registration in the catalogue, files it with
two uploads and sees the code and the secret; the one-stop officer receives it in the desk; the
citizen sees "Được tiếp nhận" and the appointment; the specialist asks for a supplement and the
citizen uploads it; the fee is paid through the unit's gateway (the simulator of
tests/api/test_portal_payment.py); the result is resolved and returned; the citizen downloads it
(a PDF carrying the QR code of its check), rates the service, and the Service Index counts the
dossier as received online and paid online.

Every citizen page reads in Vietnamese, fits the phone and raises no JavaScript error. The staff's
other steps are their workflow actions, taken as those users (the desk's own screens for them are
tested in test_counter_desk and test_desk_at_hand)."""

import email
import io
import re
import time

import frappe
import pytest
from api.test_portal_payment import SECRET, Simulator
from desk import log_in, watch_errors
from frappe.model.workflow import apply_workflow
from pypdf import PdfReader
from receivers import SmtpReceiver
from screens import check_portal_page

WARD = "999.22.07.H99"
PROCEDURE_CODE = "9.999227"
PROCEDURE_NAME = "Đăng ký khai sinh Hành Trình Thử"
CITIZEN = "_portal.journey@example.vn"
CITIZEN_PASSWORD = "Hanh-Trinh-Cong-Dan-2026!"
STAFF_PASSWORD = "Hanh-Trinh-Can-Bo-2026!"
OFFICER = "_journey.motcua@example.vn"
SPECIALIST = "_journey.hotich@example.vn"
LEADER = "_journey.chutich@example.vn"
EMAIL_ACCOUNT = "_Test Hành Trình Công Dân"
PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% to khai\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _forget_email_account():
	# Frappe keeps the outgoing account it found for the rest of the process
	for cache in ("outgoing_email_account", "incoming_email_account"):
		if hasattr(frappe.local, cache):
			delattr(frappe.local, cache)


def _remove():
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	frappe.set_user("Administrator")
	for dossier in frappe.get_all("Dossier", filters={"administrative_unit": WARD}, pluck="name"):
		frappe.db.delete("Online Payment Log", {"dossier": dossier})
		frappe.db.delete("Citizen Rating", {"dossier": dossier})
	for name in frappe.get_all("File", filters={"owner": CITIZEN}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	if frappe.db.exists("User", CITIZEN):
		frappe.delete_doc("User", CITIZEN, force=True, ignore_permissions=True)
	recipients = frappe.get_all("Email Queue Recipient", filters={"recipient": CITIZEN}, pluck="parent")
	if recipients:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", recipients)})
		frappe.db.delete("Email Queue", {"name": ("in", recipients)})
	frappe.delete_doc(
		"Email Account", EMAIL_ACCOUNT, force=True, ignore_permissions=True, ignore_missing=True
	)
	frappe.db.commit()
	_forget_email_account()
	# the guard's limit of sign-ups from one address (other tests sign up from 127.0.0.1 too)
	for address in ("127.0.0.1", "local"):
		frappe.cache.delete(
			frappe.cache.make_key(f"rl:ward_admin-guest:frappe.core.doctype.user.user.sign_up:{address}")
		)
	remove_committed_records([WARD], [PROCEDURE_CODE])


@pytest.fixture(scope="module")
def journey(site, desk_url, committed_user_module):
	from dossier_factory import make_procedure, make_ward

	from ward_admin.setup.fees import set_payment_secret

	_remove()
	smtp = SmtpReceiver().start()
	gateway = Simulator(desk_url)
	make_ward(WARD, "Phường Hành Trình Thử")
	set_payment_secret(WARD, SECRET)
	frappe.db.set_value("Administrative Unit", WARD, "payment_gateway_url", gateway.url)
	procedure = make_procedure(PROCEDURE_CODE)
	frappe.db.set_value(
		"Administrative Procedure", procedure, {"online_level": "Full", "procedure_name": PROCEDURE_NAME}
	)
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": EMAIL_ACCOUNT,
			"email_id": "mot-cua-hanh-trinh@example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": smtp.port,
			"use_tls": 0,
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	for email_address, role in (
		(OFFICER, "One-Stop Officer"),
		(SPECIALIST, "Specialist"),
		(LEADER, "Ward Leader"),
	):
		committed_user_module(email_address, role, STAFF_PASSWORD, unit=WARD)
		frappe.db.set_value("User", email_address, "language", "vi")
	frappe.db.commit()
	yield frappe._dict(procedure=procedure, smtp=smtp, gateway=gateway)
	gateway.close()
	smtp.stop()
	_remove()


def welcome_link_key(smtp, timeout=60) -> str:
	"""Sends the citizen's queued welcome e-mail through the Email Account, as the scheduler would,
	and reads the password link's key from what the SMTP server received."""
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		frappe.db.rollback()
		queued = frappe.get_all(
			"Email Queue Recipient", filters={"recipient": CITIZEN, "status": "Not Sent"}, pluck="parent"
		)
		for name in queued:
			frappe.get_doc("Email Queue", name).send()
		for message in smtp.messages:
			if CITIZEN not in message["to"]:
				continue
			parsed = email.message_from_string(message["content"])
			for part in parsed.walk():
				body = part.get_payload(decode=True)
				if body and (found := re.search(rb"update-password\?key=([A-Za-z0-9]+)", body)):
					return found.group(1).decode()
		time.sleep(0.5)
	pytest.fail("no welcome e-mail reached the SMTP server")


def as_user(user, action, code, all_received=False, **values):
	"""A staff member's workflow action (with the fields it needs, every document ticked as in hand
	when `all_received`), under their own permissions."""
	frappe.db.rollback()
	frappe.set_user(user)
	try:
		if values or all_received:
			doc = frappe.get_doc("Dossier", code)
			doc.update(values)
			for row in doc.documents if all_received else ():
				row.received = 1
			doc.save()
		apply_workflow(frappe.get_doc("Dossier", code), action)
		frappe.db.commit()
	finally:
		frappe.set_user("Administrator")


def my_card(page, desk_url, code):
	page.goto(f"{desk_url}/ho-so-cua-toi")
	return page.locator(f'.my-dossier[data-dossier="{code}"]')


def test_a_citizen_signs_up_files_follows_pays_downloads_and_rates_on_a_phone(
	browser, desk_url, journey, artifacts
):
	from ward_admin.indicators import service_index

	context = browser.new_context(viewport=PHONE, locale="vi-VN", accept_downloads=True)
	page = context.new_page()
	errors = watch_errors(page)
	problems = []
	try:
		# sign-up with an e-mail address, proved by the link the welcome e-mail carries
		page.goto(f"{desk_url}/login#signup")
		page.fill("#signup_fullname", "Lê Thị Hành Trình")
		page.fill("#signup_email", CITIZEN)
		page.click(".btn-signup")
		# Frappe's answer: the welcome e-mail is on its way
		page.wait_for_selector(".modal:visible, .msgprint:visible", timeout=60_000)
		frappe.db.rollback()
		assert frappe.db.get_value("User", CITIZEN, "user_type") == "Website User"
		assert "Citizen" in frappe.get_all("Has Role", filters={"parent": CITIZEN}, pluck="role")
		key = welcome_link_key(journey.smtp)
		page.goto(f"{desk_url}/update-password?key={key}")
		# typed, as a person would: the page checks the password's strength on each key
		page.locator("#new_password").press_sequentially(CITIZEN_PASSWORD)
		page.locator("#confirm_password").press_sequentially(CITIZEN_PASSWORD)
		page.wait_for_selector("#update:not([disabled])", timeout=30_000)
		page.click("#update")
		page.wait_for_function("() => !location.pathname.startsWith('/update-password')", timeout=60_000)
		errors.clear()  # Frappe's own password page is not the portal's to judge

		# finds the birth registration without accents and files it with two uploads
		page.goto(f"{desk_url}/dich-vu-cong?q=dang+ky+khai+sinh+hanh+trinh")
		card = page.locator(".catalogue-procedure").filter(has_text=PROCEDURE_NAME)
		card.locator("summary").click()
		check_portal_page(page, "catalogue", errors, problems)
		card.locator("a.wa-button").click()
		page.wait_for_selector("#filing-form", timeout=60_000)
		page.select_option("#administrative_unit", WARD)
		page.fill("#applicant_name", "Lê Thị Hành Trình")
		page.fill("#applicant_id_number", "001195012346")
		page.fill("#applicant_phone", "0912000444")
		page.set_input_files(
			"#doc-1", files=[{"name": "TOKHAI.PDF", "mimeType": "application/pdf", "buffer": PDF}]
		)
		page.set_input_files(
			"#doc-2", files=[{"name": "UYQUYEN.PNG", "mimeType": "image/png", "buffer": PNG}]
		)
		page.check("#declaration")
		page.click("#filing-review")
		page.wait_for_selector("#filing-summary:not([hidden])")
		check_portal_page(page, "filing summary", errors, problems)
		page.click("#filing-send")
		page.wait_for_selector("#filing-result:not([hidden])", timeout=60_000)
		code = page.inner_text("#filing-code").strip()
		secret = page.inner_text("#filing-secret").strip()
		assert code.startswith(WARD) and len(secret) == 8
		check_portal_page(page, "filing result", errors, problems)

		# the officer receives it in the desk: every document in hand, then "Tiếp nhận"
		desk = browser.new_page(viewport={"width": 1366, "height": 900})
		desk_errors = watch_errors(desk)
		try:
			log_in(desk, desk_url, OFFICER, STAFF_PASSWORD)
			desk.goto(f"{desk_url}/app/dossier/{code}")
			desk.wait_for_function(
				"(code) => window.cur_frm && cur_frm.doc.name === code", arg=code, timeout=60_000
			)
			desk.click("[data-all-received]")
			desk.keyboard.press("Control+s")
			desk.wait_for_function("() => !cur_frm.is_dirty()", timeout=30_000)
			desk.wait_for_load_state("networkidle")
			desk.click(".page-actions .actions-btn-group button:visible")
			desk.click(".page-actions .actions-btn-group .dropdown-item:has-text('Tiếp nhận'):visible")
			desk.wait_for_function("() => cur_frm.doc.status_code === 2", timeout=60_000)
		finally:
			desk.screenshot(path=str(artifacts / "journey-officer-received.png"), full_page=True)
			desk.close()
		assert desk_errors == [], desk_errors

		# the citizen sees it received, with the appointment
		frappe.db.rollback()
		appointment = frappe.db.get_value("Dossier", code, "appointment_at")
		mine = my_card(page, desk_url, code)
		assert "Được tiếp nhận" in mine.inner_text()
		assert f"{appointment:%H:%M %d-%m-%Y}" in mine.inner_text()
		check_portal_page(page, "received", errors, problems)

		# the specialist asks for a supplement; the citizen uploads it; the officer takes it in
		as_user(SPECIALIST, "Start Processing", code)
		as_user(
			SPECIALIST, "Request Supplement", code, supplement_request="Tờ khai chưa có chữ ký, xin gửi lại"
		)
		mine = my_card(page, desk_url, code)
		assert "Tờ khai chưa có chữ ký, xin gửi lại" in mine.inner_text()
		mine.locator(".supplement-file").first.set_input_files(
			files=[{"name": "TOKHAI-KY.PDF", "mimeType": "application/pdf", "buffer": PDF + b"% da ky\n"}]
		)
		with page.expect_navigation():
			mine.locator("button[type=submit]").click()
		check_portal_page(page, "supplement sent", errors, problems)
		frappe.db.rollback()
		assert any(
			row.file and "TOKHAI-KY" in row.file.upper() for row in frappe.get_doc("Dossier", code).documents
		)
		as_user(OFFICER, "Supplement Received", code, all_received=True)

		# the fee: asked for, paid through the unit's gateway, the receipt shown
		as_user(SPECIALIST, "Request Payment", code)
		mine = my_card(page, desk_url, code)
		mine.locator("a.my-dossier-pay").click()
		page.wait_for_selector("#payment-pay", timeout=60_000)
		assert "10.000 đồng" in page.inner_text(".payment-amount")
		check_portal_page(page, "payment", errors, problems)
		page.click("#payment-pay")
		page.wait_for_selector(".payment-receipt", timeout=60_000)
		assert journey.gateway.callbacks[-1] == 200
		check_portal_page(page, "payment's receipt", errors, problems)
		frappe.db.rollback()
		assert frappe.db.get_value("Dossier", code, "status_code") == 4  # the clock runs again

		# the result: attached by the specialist, signed by the leader, returned by the officer
		from frappe.utils.pdf import get_pdf

		frappe.set_user(SPECIALIST)
		result = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "giay-khai-sinh.pdf",
				"content": get_pdf("<h1>GIẤY KHAI SINH</h1><p>Lê Thị Hành Trình</p>"),
				"is_private": 1,
				"attached_to_doctype": "Dossier",
				"attached_to_name": code,
				"attached_to_field": "result_file",
			}
		).insert()
		frappe.db.commit()
		frappe.set_user("Administrator")
		as_user(SPECIALIST, "Submit for Signature", code, result_file=result.file_url)
		as_user(LEADER, "Resolve", code)
		as_user(OFFICER, "Return Result", code)

		# the citizen downloads the result and checks it through its QR code's address
		mine = my_card(page, desk_url, code)
		assert "Đã trả kết quả" in mine.inner_text()
		assert mine.locator(".my-dossier-receipt").count() == 1
		check_portal_page(page, "returned", errors, problems)
		with page.expect_download() as download:
			mine.locator("a.my-dossier-result").click()
		content = open(download.value.path(), "rb").read()
		assert content.startswith(b"%PDF-") and download.value.suggested_filename == f"ket-qua-{code}.pdf"
		text = PdfReader(io.BytesIO(content)).pages[0].extract_text().replace("\n", "").replace("\t", " ")
		assert "GIẤY KHAI SINH" in text
		token = re.search(r"/ket-qua/([A-Za-z0-9]{32})", text).group(1)
		page.goto(f"{desk_url}/ket-qua/{token}")
		checked = page.inner_text(".wa-portal")
		assert code in checked and "Kết quả có hiệu lực" in checked and "Lê Thị Hành Trình" not in checked
		check_portal_page(page, "result check", errors, problems)

		# and rates the service
		mine = my_card(page, desk_url, code)
		mine.locator("a.wa-button", has_text="Đánh giá").click()
		page.wait_for_selector("#rating-form")
		page.select_option("#rating", "5")
		page.fill("#comment", "Không phải đi lại lần nào")
		page.click("#rating-form button[type=submit]")
		page.wait_for_selector("#rating-thanks:not([hidden])")
		check_portal_page(page, "rating sent", errors, problems)
	finally:
		page.screenshot(path=str(artifacts / "portal-journey.png"), full_page=True)
		context.close()
	assert not problems, "\n".join(problems)

	# the Service Index counts it received online, paid online, digitised, rated
	frappe.db.rollback()
	received = frappe.db.get_value("Dossier", code, "received_at")
	(row,) = service_index.compute(WARD, received.date(), frappe.utils.nowdate())
	assert (row["received"], row["received_online"], row["online_receipt_rate"]) == (1, 1, 100.0)
	assert (row["fee_dossiers"], row["paid_online"], row["online_payment_rate"]) == (1, 1, 100.0)
	assert (row["resolved"], row["digitized"]) == (1, 1)
	assert row["avg_rating"] == 5.0
