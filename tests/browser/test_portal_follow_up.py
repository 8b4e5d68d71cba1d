"""After filing, on a phone-sized screen in Debian's chromium (docs/contract.md, "Citizens
online"): a citizen who logs in lands on their own dossiers, answers a supplement request with an
upload, pays a fee through the unit's gateway (the simulator of tests/api/test_portal_payment.py)
and comes back to the receipt, and rates a returned dossier. Every page reads in Vietnamese and
raises no JavaScript error or failed request."""

import frappe
import pytest
from api.test_portal_payment import SECRET, Simulator
from desk import watch_errors
from screens import check_portal_page

WARD = "999.22.04.H99"
PROCEDURE_CODE = "9.999225"
PASSWORD = "Cong-Dan-2026!"
CITIZEN = "_portal.followup@example.vn"
PHONE = {"width": 390, "height": 844}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% bo sung\n"


def _remove():
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	for name in frappe.get_all("File", filters={"owner": CITIZEN}, pluck="name"):
		frappe.delete_doc("File", name, force=True, ignore_permissions=True)
	if frappe.db.exists("User", CITIZEN):
		frappe.delete_doc("User", CITIZEN, force=True, ignore_permissions=True)
	frappe.db.commit()
	for dossier in frappe.get_all("Dossier", filters={"administrative_unit": WARD}, pluck="name"):
		frappe.db.delete("Online Payment Log", {"dossier": dossier})
		frappe.db.delete("Citizen Rating", {"dossier": dossier})
	frappe.db.commit()
	remove_committed_records([WARD], [PROCEDURE_CODE])


@pytest.fixture(scope="module")
def gateway(desk_url):
	simulator = Simulator(desk_url)
	yield simulator
	simulator.close()


@pytest.fixture(scope="module")
def dossiers(site, gateway):
	from dossier_factory import make_procedure, make_ward, new_dossier
	from frappe.model.workflow import apply_workflow
	from frappe.utils.password import update_password

	from ward_admin.setup.fees import set_payment_secret

	_remove()
	make_ward(WARD, "Phường Theo Dõi Thử")
	set_payment_secret(WARD, SECRET)
	frappe.db.set_value("Administrative Unit", WARD, "payment_gateway_url", gateway.url)
	procedure = make_procedure(PROCEDURE_CODE)
	frappe.db.set_value(
		"Administrative Procedure",
		procedure,
		{"online_level": "Full", "procedure_name": "Chứng thực bản sao Thử"},
	)
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": CITIZEN,
			"first_name": "Trần Văn",
			"last_name": "Theo",
			"user_type": "Website User",
			"send_welcome_email": 0,
		}
	).insert(ignore_permissions=True)
	user.add_roles("Citizen")
	update_password(CITIZEN, PASSWORD)

	def dossier(*actions, **values):
		doc = new_dossier(procedure, unit=WARD, applicant_name="Trần Văn Theo").insert()
		frappe.db.set_value("Dossier", doc.name, "portal_user", CITIZEN)
		for action in actions:
			current = frappe.get_doc("Dossier", doc.name)
			if action == "Request Supplement":
				current.supplement_request = "Bản sao tờ khai bị mờ, xin gửi lại"
				current.save()
				current = frappe.get_doc("Dossier", doc.name)
			apply_workflow(current, action)
		return frappe.get_doc("Dossier", doc.name)

	supplement = dossier("Start Processing", "Request Supplement")
	payment = dossier("Start Processing", "Request Payment")
	returned = dossier("Start Processing", "Submit for Signature", "Resolve")
	from dossier_factory import pay

	class Now:
		def __call__(self, _at):
			from contextlib import nullcontext

			return nullcontext()

	pay(returned, frappe.utils.now(), Now())
	apply_workflow(frappe.get_doc("Dossier", returned.name), "Return Result")
	frappe.db.commit()
	yield frappe._dict(
		supplement=supplement, payment=payment, returned=frappe.get_doc("Dossier", returned.name)
	)
	_remove()


def test_a_citizen_answers_a_supplement_pays_and_rates_on_a_phone(
	browser, desk_url, dossiers, gateway, artifacts
):
	context = browser.new_context(viewport=PHONE, locale="vi-VN")
	page = context.new_page()
	errors = watch_errors(page)
	problems = []
	try:
		page.goto(f"{desk_url}/login")
		page.fill("#login_email", CITIZEN)
		page.fill("#login_password", PASSWORD)
		page.click(".btn-login")
		page.wait_for_url("**/ho-so-cua-toi", timeout=60_000)  # a citizen's home
		cards = page.locator(".my-dossier")
		assert cards.count() == 3
		check_portal_page(page, "my dossiers", errors, problems)

		# the supplement request says what is missing and takes the upload
		card = page.locator(f'.my-dossier[data-dossier="{dossiers.supplement.name}"]')
		assert "Bản sao tờ khai bị mờ, xin gửi lại" in card.inner_text()
		card.locator(".supplement-file").first.set_input_files(
			files=[{"name": "TOKHAI.PDF", "mimeType": "application/pdf", "buffer": PDF}]
		)
		with page.expect_navigation():
			card.locator("button[type=submit]").click()
		check_portal_page(page, "my dossiers after the supplement", errors, problems)
		frappe.db.rollback()
		rows = frappe.get_doc("Dossier", dossiers.supplement.name).documents
		assert any(row.file and row.file.startswith("/private/files/") for row in rows)

		# the fee, through the unit's gateway and back to the receipt
		page.goto(
			f"{desk_url}/thanh-toan?ho-so={dossiers.payment.name}&bi-mat={dossiers.payment.lookup_secret}"
		)
		assert "10.000 đồng" in page.inner_text(".payment-amount")
		check_portal_page(page, "payment", errors, problems)
		page.click("#payment-pay")
		page.wait_for_selector(".payment-receipt", timeout=60_000)
		assert gateway.callbacks[-1] == 200
		assert "đã được nộp đủ" in page.inner_text(".payment-paid")
		check_portal_page(page, "payment's receipt", errors, problems)
		frappe.db.rollback()
		assert frappe.db.get_value("Dossier", dossiers.payment.name, "status_code") == 4

		# the returned dossier's rating, once
		page.goto(f"{desk_url}/ho-so-cua-toi")
		page.locator(f'.my-dossier[data-dossier="{dossiers.returned.name}"] a.wa-button').click()
		page.wait_for_selector("#rating-form")
		check_portal_page(page, "rating", errors, problems)
		page.select_option("#rating", "4")
		page.fill("#comment", "Nhanh gọn, chu đáo")
		page.click("#rating-form button[type=submit]")
		page.wait_for_selector("#rating-thanks:not([hidden])")
		check_portal_page(page, "rating sent", errors, problems)
		frappe.db.rollback()
		rating = frappe.get_doc("Citizen Rating", {"dossier": dossiers.returned.name})
		assert (rating.rating, rating.comment, rating.channel) == (4, "Nhanh gọn, chu đáo", "Portal")
		page.reload()
		assert "đã được đánh giá" in page.inner_text(".rating-done")
	finally:
		page.screenshot(path=str(artifacts / "portal-follow-up.png"), full_page=True)
		context.close()
	assert not problems, "\n".join(problems)
