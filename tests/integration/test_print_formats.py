"""The seven Vietnamese forms of a dossier (docs/rules.md, "Forms"), rendered as the desk prints them.

Each test brings a dossier to the state its form belongs to, renders it with frappe.get_print
and reads the HTML: dossier code, applicant, title, dates as dd/mm/yyyy, the form's own fields.
The ward uses the shipped calendar; Mon 2 March 2026 10:00 + 3 working days = Thu 5 March 10:00.
"""

import base64
import re
from html import unescape

import frappe
import pytest
from dossier_factory import act, make_procedure, make_unit_user, make_ward, new_dossier
from dossier_factory import receive as factory_receive

from ward_admin.portal.lookup import lookup_link
from ward_admin.printing import format_vnd, html_text, qr_code_svg, vn_date_line, vn_datetime, vn_time_words

RECEIPT = "01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
SUPPLEMENT = "02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
REFUSAL = "03 Phiếu từ chối tiếp nhận giải quyết hồ sơ"
APOLOGY = "04 Phiếu xin lỗi và hẹn lại ngày trả kết quả"
STOP = "05 Thông báo dừng giải quyết hồ sơ"
CONTROL = "06 Phiếu kiểm soát quá trình giải quyết hồ sơ"
REGISTER = "07 Sổ theo dõi hồ sơ"
FORMS = [RECEIPT, SUPPLEMENT, REFUSAL, APOLOGY, STOP, CONTROL, REGISTER]
APPLICANT = "Nguyễn Văn An"
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@pytest.fixture
def procedure():
	make_ward()
	return make_procedure("9.999100", policy="Restart")


def receive(procedure, frozen, at="2026-03-02 10:00", **values):
	return factory_receive(procedure, frozen, at, applicant_address="Số 1 Lê Lợi, phường Văn An", **values)


def render(doc, print_format, frozen, at="2026-03-10 08:00"):
	with frozen(at):
		return frappe.get_print("Dossier", doc.name, print_format=print_format)


def text_of(html):
	"""The text a reader sees: tags dropped, entities decoded, blanks collapsed."""
	return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def assert_form(html, doc, title, number):
	text = text_of(html)
	assert doc.name in text
	assert APPLICANT in text
	assert title[3:].upper() in text  # the name without its form number ("01 ")
	assert f"Mẫu số {number}" in text
	for line in NATIONAL:
		assert line in text
	assert "UBND _TEST PHƯỜNG HỒ SƠ" in text
	assert "@page" in html and "size: A4" in html
	assert "Times New Roman" in html


def test_the_seven_forms_are_standard_jinja_formats_of_dossier(site):
	rows = frappe.get_all(
		"Print Format",
		filters={"doc_type": "Dossier", "module": "One Stop"},
		fields=["name", "standard", "custom_format", "print_format_type", "disabled"],
	)
	assert {row.name for row in rows} >= set(FORMS)
	for row in rows:
		if row.name in FORMS:
			assert (row.standard, row.custom_format, row.print_format_type, row.disabled) == (
				"Yes",
				1,
				"Jinja",
				0,
			)


def test_helpers():
	code = "999.10.01.H99-260302-0001"
	uri = qr_code_svg(code)
	assert uri.startswith("data:image/svg+xml;base64,")
	assert uri == qr_code_svg(code)
	assert uri != qr_code_svg(code[:-1] + "2")
	svg = base64.b64decode(uri.split(",", 1)[1]).decode()
	assert svg.startswith("<svg") and "viewBox" in svg and "<path" in svg
	assert format_vnd(10000) == "10.000 đồng"
	assert format_vnd(1234567) == "1.234.567 đồng"
	assert format_vnd(2500.5) == "2.501 đồng"
	assert format_vnd(None) == "0 đồng"
	assert vn_datetime("2026-03-02 09:05:00") == "09:05 02/03/2026"
	assert vn_time_words("2026-03-02 09:05:00") == "09 giờ 05 phút, ngày 02/03/2026"
	# Decree 30/2020: days below 10 and months 1-2 take a leading zero
	assert vn_date_line("2026-03-02") == "ngày 02 tháng 3 năm 2026"
	assert vn_date_line("2026-02-15") == "ngày 15 tháng 02 năm 2026"
	# typed text is escaped once, whether Frappe stored it escaped or as typed
	assert html_text("A & B <b>") == html_text("A &amp; B &lt;b&gt;") == "A &amp; B &lt;b&gt;"
	assert html_text(None) == ""


def test_01_receipt_and_appointment_slip(procedure, frozen):
	doc = receive(procedure, frozen)
	html = render(doc, RECEIPT, frozen)
	assert_form(html, doc, RECEIPT, "01")
	text = text_of(html)
	assert "ngày 02 tháng 3 năm 2026" in text
	assert "Thời gian nhận hồ sơ: 10 giờ 00 phút, ngày 02/03/2026" in text
	assert "Thời gian trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 05/03/2026" in text
	assert "3 ngày làm việc" in text
	assert "10.000 đồng" in text
	assert "_Test thủ tục 9.999100" in text and "Tờ khai" in text
	# the QR code opens the portal's lookup of this dossier (code and secret), and the secret is printed
	assert f'src="{qr_code_svg(lookup_link(doc.name, doc.lookup_secret))}"' in html
	assert "/tra-cuu?ho-so=" in lookup_link(doc.name, doc.lookup_secret)
	assert f"Mã bí mật tra cứu: {doc.lookup_secret}" in text
	# personal data, for a user who may read them
	assert "001090012345" in text and "0912345678" in text and "Số 1 Lê Lợi" in text


def test_header_names_the_superior_body_and_the_place(frozen):
	province = frappe.get_doc(
		{
			"doctype": "Administrative Unit",
			"unit_name": "Thành phố _Test In",
			"unit_code": "999.00.00.H97",
			"unit_type": "Province",
			"is_group": 1,
		}
	).insert()
	ward = make_ward(code="999.10.01.H97", name="Phường Văn An")
	frappe.db.set_value("Administrative Unit", ward, "parent_administrative_unit", province.name)
	with frozen("2026-02-05 09:00"):
		doc = new_dossier(make_procedure("9.999100"), unit=ward).insert()
	text = text_of(render(doc, RECEIPT, frozen))
	assert "UBND THÀNH PHỐ _TEST IN UBND PHƯỜNG VĂN AN" in text
	assert "Văn An, ngày 05 tháng 02 năm 2026" in text
	assert "Ủy ban nhân dân phường Văn An tiếp nhận hồ sơ của" in text


def test_personal_data_are_not_printed_for_a_user_without_access(procedure, frozen):
	doc = receive(procedure, frozen)
	inspector = make_unit_user("_test.print.inspector@example.vn", "Inspector", doc.administrative_unit)
	frappe.set_user(inspector)
	for print_format in (RECEIPT, REGISTER):
		text = text_of(render(doc, print_format, frozen))
		assert doc.name in text and APPLICANT in text
		assert "001090012345" not in text
		assert "0912345678" not in text
		assert "Lê Lợi" not in text


def test_02_supplement_request(procedure, frozen):
	doc = receive(procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(
		doc,
		"Request Supplement",
		"2026-03-03 09:00",
		frozen,
		supplement_request="Bản sao giấy khai sinh của người được đăng ký",
	)
	html = render(doc, SUPPLEMENT, frozen)
	assert_form(html, doc, SUPPLEMENT, "02")
	text = text_of(html)
	assert "ngày 03 tháng 3 năm 2026" in text  # the day of the request
	assert "Ngày 02/03/2026" in text  # the day of receipt
	assert "Bản sao giấy khai sinh của người được đăng ký" in text
	assert "tính lại từ đầu" in text  # Restart policy


def test_03_refusal(procedure, frozen):
	doc = receive(procedure, frozen, channel="Online", at="2026-03-02 20:00")
	reason = "Không thuộc thẩm quyền <giải quyết> & chuyển UBND tỉnh"
	doc = act(doc, "Refuse", "2026-03-03 10:00", frozen, refusal_reason=reason)
	html = frappe.get_print("Dossier", doc.name, print_format=REFUSAL)
	# what staff typed is escaped once: not interpreted as HTML, not shown as "&amp;lt;"
	assert "&lt;giải quyết&gt; &amp; chuyển" in html and "&amp;lt;" not in html
	assert_form(html, doc, REFUSAL, "03")
	text = text_of(html)
	assert "ngày 03 tháng 3 năm 2026" in text
	assert "trực tuyến ngày 02/03/2026" in text
	assert reason in text


def test_04_apology_and_new_appointment(procedure, frozen):
	doc = receive(procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	with frozen("2026-03-04 09:00"):
		frappe.get_doc("Dossier", doc.name).issue_apology("2026-03-09 10:00", "Chờ xác minh của cơ quan khác")
	doc.reload()
	html = render(doc, APOLOGY, frozen)
	assert_form(html, doc, APOLOGY, "04")
	text = text_of(html)
	assert "ngày 04 tháng 3 năm 2026" in text  # the day of the apology
	assert "10 giờ 00 phút, ngày 05/03/2026" in text  # the original appointment
	assert "10 giờ 00 phút, ngày 09/03/2026" in text  # the new one
	assert "Chờ xác minh của cơ quan khác" in text
	# a reprinted receipt slip keeps the original appointment and mentions the new one
	text = text_of(render(doc, RECEIPT, frozen))
	assert "trả kết quả giải quyết hồ sơ: 10 giờ 00 phút, ngày 05/03/2026" in text
	assert "hẹn lại vào 10 giờ 00 phút, ngày 09/03/2026" in text


def test_05_processing_stopped(procedure, frozen):
	doc = receive(procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(doc, "Stop", "2026-03-03 14:15", frozen, stop_reason="Người nộp không đủ điều kiện")
	html = render(doc, STOP, frozen)
	assert_form(html, doc, STOP, "05")
	text = text_of(html)
	assert "ngày 03 tháng 3 năm 2026" in text
	assert "kể từ 14 giờ 15 phút, ngày 03/03/2026" in text
	assert "Người nộp không đủ điều kiện" in text


def test_06_control_sheet(procedure, frozen):
	doc = receive(procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(doc, "Request Supplement", "2026-03-03 09:00", frozen, supplement_request="Tờ khai ký lại")
	doc = act(doc, "Supplement Received", "2026-03-04 14:00", frozen)  # due again Mon 9 March 14:00
	act(doc, "Submit for Signature", "2026-03-06 10:00", frozen)
	doc = act(doc, "Resolve", "2026-03-06 10:00", frozen)
	doc = act(doc, "Return Result", "2026-03-06 15:00", frozen)
	html = render(doc, CONTROL, frozen)
	assert_form(html, doc, CONTROL, "06")
	text = text_of(html)
	assert "ngày 02 tháng 3 năm 2026" in text
	for step in ("Tiếp nhận hồ sơ", "Thẩm định, giải quyết hồ sơ", "Trả kết quả"):
		assert step in text
	assert "10:00 02/03/2026" in text  # received
	assert "10:30 02/03/2026" in text  # forwarded for processing
	assert "10:00 06/03/2026" in text  # resolved
	assert "15:00 06/03/2026" in text  # returned
	assert "Kết quả giải quyết hồ sơ: Trước hạn" in text  # a working day before Monday's due day
	# the pause, in working hours
	assert "Tờ khai ký lại" in text and "09:00 03/03/2026" in text and "14:00 04/03/2026" in text
	assert "10,5" in text


def test_07_register_line(procedure, frozen):
	doc = receive(procedure, frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	act(doc, "Submit for Signature", "2026-03-05 09:00", frozen)
	doc = act(doc, "Resolve", "2026-03-05 09:00", frozen)
	doc = act(doc, "Return Result", "2026-03-05 16:00", frozen)
	html = render(doc, REGISTER, frozen)
	assert_form(html, doc, REGISTER, "07")
	assert "size: A4 landscape" in html
	text = text_of(html)
	for column in (
		"STT",
		"Mã hồ sơ",
		"Tên thủ tục hành chính",
		"Tên cá nhân, tổ chức",
		"Nhận hồ sơ",
		"Hẹn trả kết quả",
		"Trả kết quả cho cá nhân, tổ chức",
		"Ký nhận",
		"Ghi chú",
	):
		assert column in text
	for value in ("10:00 02/03/2026", "10:00 05/03/2026", "10:30 02/03/2026", "09:00 05/03/2026"):
		assert value in text
	assert "16:00 05/03/2026" in text
	assert "Đã trả kết quả, đúng hạn" in text
	assert "0912345678" in text


def test_receipt_slip_as_pdf(procedure, frozen, desk_url, monkeypatch):
	# wkhtmltopdf fetches the page's styles from the site's URL, as it does behind a real host name
	monkeypatch.setitem(frappe.local.conf, "host_name", desk_url)
	doc = receive(procedure, frozen)
	pdf = frappe.get_print("Dossier", doc.name, print_format=RECEIPT, as_pdf=True)
	assert pdf[:5] == b"%PDF-"
	assert len(pdf) > 5000
