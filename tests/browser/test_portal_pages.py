"""The citizen's path through the portal in Debian's chromium on a phone-sized screen (design:
docs/contract.md, "Citizens online"): the home, the catalogue searched without accents, filing a
dossier with two uploads (the declaration, the summary, then the code and the secret), the
citizen's own dossiers and the lookup opened as form 01's QR code opens it. Every page reads in
Vietnamese and raises no JavaScript error or failed request."""

import frappe
import pytest
from desk import watch_errors
from screens import check_portal_page

WARD = "999.22.02.H99"
PROCEDURE_CODE = "9.999223"
PASSWORD = "Cong-Dan-2026!"
CITIZEN = "_portal.browser@example.vn"
PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _remove():
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	for name in frappe.get_all("File", filters={"owner": CITIZEN}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	if frappe.db.exists("User", CITIZEN):
		frappe.delete_doc("User", CITIZEN, force=True, ignore_permissions=True)
	frappe.db.commit()
	remove_committed_records([WARD], [PROCEDURE_CODE])


@pytest.fixture(scope="module")
def citizen_portal(site):
	from dossier_factory import make_procedure, make_ward
	from frappe.utils.password import update_password

	_remove()
	make_ward(WARD, "Phường Điện Thoại Thử")
	procedure = make_procedure(PROCEDURE_CODE)
	frappe.db.set_value(
		"Administrative Procedure",
		procedure,
		{"online_level": "Full", "procedure_name": "Đăng ký khai sinh Điện Thoại Thử"},
	)
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": CITIZEN,
			"first_name": "Nguyễn Thị",
			"last_name": "Dân",
			"user_type": "Website User",
			"send_welcome_email": 0,
		}
	).insert(ignore_permissions=True)
	user.add_roles("Citizen")
	update_password(CITIZEN, PASSWORD)
	frappe.db.commit()
	yield procedure
	_remove()


def portal_text(page) -> str:
	return page.inner_text(".wa-portal")


def test_a_citizen_finds_files_and_follows_a_dossier_on_a_phone(browser, desk_url, citizen_portal, artifacts):
	context = browser.new_context(viewport=PHONE, locale="vi-VN")
	page = context.new_page()
	errors = watch_errors(page)
	problems = []
	try:
		page.goto(f"{desk_url}/")
		assert "Dịch vụ công trực tuyến" in portal_text(page)
		check_portal_page(page, "home", errors, problems)

		page.goto(f"{desk_url}/dich-vu-cong?q=dang+ky+khai+sinh+dien+thoai")
		card = page.locator(".catalogue-procedure").filter(has_text="Đăng ký khai sinh Điện Thoại Thử")
		card.locator("summary").click()
		assert "Tờ khai" in card.inner_text() and "10.000 đồng" in card.inner_text()
		check_portal_page(page, "catalogue", errors, problems)
		card.locator("a.wa-button").click()

		# a guest is asked to log in first, and comes back to the procedure's form
		page.wait_for_url("**/login**")
		page.fill("#login_email", CITIZEN)
		page.fill("#login_password", PASSWORD)
		page.click(".btn-login")
		page.wait_for_url("**/nop-ho-so**", timeout=60_000)
		if "thu-tuc" not in page.url:
			page.goto(f"{desk_url}/nop-ho-so?thu-tuc={citizen_portal}")
		page.wait_for_selector("#filing-form")
		check_portal_page(page, "filing form", errors, problems)
		page.select_option("#administrative_unit", WARD)
		page.fill("#applicant_name", "Nguyễn Thị Dân")
		page.fill("#applicant_id_number", "001195012345")
		page.fill("#applicant_phone", "0912000333")
		page.set_input_files(
			"#doc-1", files=[{"name": "TOKHAI.PDF", "mimeType": "application/pdf", "buffer": PDF}]
		)
		page.set_input_files(
			"#doc-2", files=[{"name": "UYQUYEN.PNG", "mimeType": "image/png", "buffer": PNG}]
		)
		page.click("#filing-review")
		# the declaration is required
		assert "cam đoan" in page.inner_text("#filing-error")
		page.check("#declaration")
		page.click("#filing-review")
		page.wait_for_selector("#filing-summary:not([hidden])")
		summary = page.inner_text("#filing-summary")
		assert "001195012345" in summary and "TOKHAI.PDF" in summary
		check_portal_page(page, "filing summary", errors, problems)
		page.click("#filing-send")
		page.wait_for_selector("#filing-result:not([hidden])", timeout=60_000)
		code = page.inner_text("#filing-code").strip()
		secret = page.inner_text("#filing-secret").strip()
		check_portal_page(page, "filing result", errors, problems)
		frappe.db.rollback()
		doc = frappe.get_doc("Dossier", code)
		assert (doc.channel, doc.status_code, doc.portal_user, doc.lookup_secret) == (
			"Online",
			1,
			CITIZEN,
			secret,
		)

		page.goto(f"{desk_url}/ho-so-cua-toi")
		mine = page.locator(".my-dossier").filter(has_text=code)
		assert "Mới đăng ký" in mine.inner_text() and secret in mine.inner_text()
		check_portal_page(page, "my dossiers", errors, problems)

		# form 01's QR code opens the lookup with the code and the secret, for anyone
		guest = browser.new_context(viewport=PHONE, locale="vi-VN").new_page()
		guest_errors = watch_errors(guest)
		from ward_admin.portal.lookup import lookup_link

		guest.goto(lookup_link(code, secret).replace(frappe.utils.get_url(), desk_url))
		assert "Mới đăng ký" in guest.inner_text(".lookup-status")
		assert "Nguyễn Thị Dân" not in guest.content() and "001195012345" not in guest.content()
		check_portal_page(guest, "lookup", guest_errors, problems)
		guest.context.close()
	finally:
		page.screenshot(path=str(artifacts / "portal-phone.png"), full_page=True)
		context.close()
	assert not problems, "\n".join(problems)
