"""Fees on the real site: receipts issued, numbered, posted to ERPNext, cancelled and replaced;
the payment pause needs them; the books agree with them. Each test is rolled back."""

import frappe
import pytest
from dossier_factory import UNIT_CODE, make_procedure, make_ward, new_dossier
from frappe.model.workflow import apply_workflow
from frappe.query_builder.functions import Sum
from frappe.utils import flt, now_datetime

from ward_admin.fees.doctype.fee_receipt.fee_receipt import (
	CancelReasonRequiredError,
	MissingReceiptSymbolError,
	ReceiptAmountError,
	ReceiptChannelError,
	ReceiptNotDeletableError,
	ReplacementError,
	company_of,
)
from ward_admin.fees.doctype.fee_settings.fee_settings import FeeSettingsMissingError
from ward_admin.fees.doctype.receipt_symbol.receipt_symbol import InvalidReceiptSymbolError
from ward_admin.fees.dossier_fees import FeeNotPaidError
from ward_admin.fees.indicators import payment_counts

FEE = 10_000  # make_procedure's flat fee


@pytest.fixture
def dossier(db):
	make_ward()
	procedure = make_procedure()
	return new_dossier(procedure).insert()


def receipt(dossier, amount=FEE, channel="Cash", submit=True, **values):
	doc = frappe.get_doc(
		{
			"doctype": "Fee Receipt",
			"dossier": dossier.name,
			"amount": amount,
			"payment_channel": channel,
			**values,
		}
	)
	doc.insert()
	if submit:
		doc.submit()
	return doc


def gl_rows(entry):
	return {
		row.account: (flt(row.debit), flt(row.credit))
		for row in frappe.get_all(
			"GL Entry",
			filters={"voucher_no": entry, "is_cancelled": 0},
			fields=["account", "debit", "credit"],
		)
	}


def settings():
	return frappe.get_doc("Fee Settings", company_of(UNIT_CODE))


def test_a_cash_receipt_is_numbered_signed_and_posted(dossier):
	doc = receipt(dossier, 6_000)
	year = now_datetime().year
	assert doc.status == "Issued"
	assert doc.receipt_symbol == f"{year % 100:02d}TAA" and doc.form_symbol == "EBL01"
	assert doc.receipt_number >= 1
	assert doc.amount_in_words == "Sáu nghìn đồng"
	assert doc.payer_name == dossier.applicant_name
	assert doc.fee_type == frappe.db.get_value(
		"Administrative Procedure", dossier.procedure, "procedure_name"
	)
	assert doc.issued_by == "Administrator" and doc.signed_at == doc.issued_at
	assert doc.signed_by == frappe.db.get_value("Company", doc.company, "company_name")
	assert doc.verification_token and len(doc.verification_token) >= 32

	entry = frappe.get_doc("Journal Entry", doc.journal_entry)
	assert entry.docstatus == 1 and entry.fee_receipt == doc.name and entry.company == doc.company
	cash = frappe.db.get_value(
		"Mode of Payment Account", {"parent": "Cash", "company": doc.company}, "default_account"
	)
	assert gl_rows(entry.name) == {cash: (6_000, 0), settings().fee_income_account: (0, 6_000)}

	second = receipt(dossier, 4_000)
	assert second.receipt_number == doc.receipt_number + 1


def test_a_draft_takes_no_number_and_a_failed_issue_gives_its_number_back(dossier):
	first = receipt(dossier, 1_000)
	draft = receipt(dossier, 1_000, submit=False)
	assert not draft.receipt_number and draft.status == "Draft"

	frappe.db.savepoint("issue")
	receipt(dossier, 1_000)
	frappe.db.rollback(save_point="issue")

	again = receipt(dossier, 1_000)
	assert again.receipt_number == first.receipt_number + 1


def test_bad_receipts_are_refused(dossier):
	with pytest.raises(ReceiptAmountError):
		receipt(dossier, FEE + 1)
	with pytest.raises(ReceiptAmountError):
		receipt(dossier, 0)
	with pytest.raises(ReceiptAmountError):
		receipt(dossier, 100.5)
	with pytest.raises(ReceiptChannelError):
		receipt(dossier, channel="Online", transaction_id="X1")
	with pytest.raises(ReceiptChannelError):
		receipt(dossier, channel="Bank Transfer")
	with pytest.raises(InvalidReceiptSymbolError):
		receipt(dossier, receipt_symbol="26TFF")
	with pytest.raises(InvalidReceiptSymbolError):
		receipt(dossier, receipt_symbol=f"{(now_datetime().year - 1) % 100:02d}TAB")
	receipt(dossier, 5_000, channel="Bank Transfer", transaction_id="KB-0001")
	with pytest.raises(ReceiptChannelError):
		receipt(dossier, 5_000, channel="Bank Transfer", transaction_id="KB-0001")
	assert frappe.db.count("Fee Receipt", {"dossier": dossier.name, "docstatus": 1}) == 1


def test_the_client_cannot_set_what_the_server_gives(dossier):
	other_unit = make_ward("999.10.02.H99", "_Test Phường Khác")
	doc = receipt(
		dossier,
		submit=False,
		receipt_number=77,
		status="Issued",
		administrative_unit=other_unit,
		amount_in_words="Một tỷ đồng",
		verification_token="chosen-by-the-client",
	)
	assert not doc.receipt_number and doc.status == "Draft" and not doc.journal_entry
	assert doc.administrative_unit == dossier.administrative_unit
	assert doc.amount_in_words == "Mười nghìn đồng"
	assert doc.verification_token != "chosen-by-the-client"
	doc.submit()
	assert doc.receipt_number != 77 and doc.status == "Issued"


def test_cancelling_needs_a_reason_and_reverses_the_entry(dossier):
	doc = receipt(dossier)
	with pytest.raises(CancelReasonRequiredError):
		frappe.get_doc("Fee Receipt", doc.name).cancel()
	doc = frappe.get_doc("Fee Receipt", doc.name)
	doc.cancel_receipt("Thu nhầm hồ sơ")
	doc.reload()
	assert doc.docstatus == 2 and doc.status == "Cancelled" and doc.cancel_reason == "Thu nhầm hồ sơ"
	assert frappe.db.get_value("Journal Entry", doc.journal_entry, "docstatus") == 2
	assert gl_rows(doc.journal_entry) == {}


def test_a_replacement_marks_the_old_receipt_replaced(dossier):
	old = receipt(dossier, payer_name="Nguyễn Văn Sai")
	new = receipt(dossier, replaces=old.name, payer_name="Nguyễn Văn An")
	old.reload()
	assert old.status == "Replaced" and old.replaced_by == new.name and old.docstatus == 2
	assert frappe.db.get_value("Journal Entry", old.journal_entry, "docstatus") == 2
	assert new.status == "Issued" and new.receipt_number == old.receipt_number + 1
	with pytest.raises(frappe.CancelledLinkError):
		receipt(dossier, replaces=old.name)
	other = new_dossier(dossier.procedure).insert()
	with pytest.raises(ReplacementError):
		receipt(other, replaces=new.name)


def test_receipts_are_never_deleted(dossier):
	doc = receipt(dossier, submit=False)
	with pytest.raises(ReceiptNotDeletableError):
		frappe.delete_doc("Fee Receipt", doc.name, force=True, ignore_permissions=True)
	assert frappe.db.exists("Fee Receipt", doc.name)


def test_missing_setup_says_what_to_set(dossier):
	frappe.db.delete("Receipt Symbol", {"year": now_datetime().year})
	with pytest.raises(MissingReceiptSymbolError):
		receipt(dossier, submit=False)
	# a symbol given on the receipt is enough
	doc = receipt(dossier, 1_000, receipt_symbol=f"{now_datetime().year % 100:02d}TXE")
	assert doc.form_symbol == "EBL01"

	frappe.db.delete("Fee Settings", {"name": company_of(UNIT_CODE)})
	frappe.clear_document_cache("Fee Settings", company_of(UNIT_CODE))
	with pytest.raises(FeeSettingsMissingError):
		receipt(dossier, 1_000, receipt_symbol=f"{now_datetime().year % 100:02d}TXE")


def test_a_unit_symbol_wins_over_the_site_default(dossier):
	year = now_datetime().year
	frappe.get_doc(
		{
			"doctype": "Receipt Symbol",
			"administrative_unit": UNIT_CODE,
			"year": year,
			"form_symbol": "EBL02",
			"receipt_symbol": f"{year % 100:02d}TVA",
			"is_default": 1,
		}
	).insert()
	doc = receipt(dossier)
	assert (doc.form_symbol, doc.receipt_symbol) == ("EBL02", f"{year % 100:02d}TVA")
	assert doc.receipt_number == 1  # its own counter


def test_payment_received_needs_the_fee_collected(dossier, frozen):
	with frozen("2026-03-02 10:00"):
		apply_workflow(frappe.get_doc("Dossier", dossier.name), "Start Processing")
		apply_workflow(frappe.get_doc("Dossier", dossier.name), "Request Payment")
	# a receipt is inserted then submitted at one frozen instant: with microseconds, as a real clock
	with frozen("2026-03-02 11:00:00.250000"):
		refused(lambda: apply_workflow(frappe.get_doc("Dossier", dossier.name), "Payment Received"))
		receipt(dossier, 4_000)
		refused(lambda: apply_workflow(frappe.get_doc("Dossier", dossier.name), "Payment Received"))
		receipt(dossier, 6_000)
		doc = apply_workflow(frappe.get_doc("Dossier", dossier.name), "Payment Received")
	assert doc.status_code == 4
	assert doc.pauses[-1].ended_at


def refused(action):
	"""The action fails with FeeNotPaidError; like a failed request, it leaves nothing behind."""
	frappe.db.savepoint("refused")
	with pytest.raises(FeeNotPaidError):
		action()
	frappe.db.rollback(save_point="refused")


def test_an_exemption_needs_its_reason(db):
	from ward_admin.one_stop.doctype.dossier.lifecycle import MissingReasonError

	make_ward()
	procedure = make_procedure()
	with pytest.raises(MissingReasonError):
		new_dossier(procedure, fee_exempt=1).insert()
	doc = new_dossier(procedure, fee_exempt=1, fee_exemption_reason="Trẻ em dưới 6 tuổi").insert()
	assert doc.fee_amount == 0


def test_the_trial_balance_of_the_fee_account_is_issued_minus_cancelled(dossier):
	from erpnext.accounts.report.trial_balance.trial_balance import execute

	kept = receipt(dossier, 3_000)
	cancelled = receipt(dossier, 2_000)
	frappe.get_doc("Fee Receipt", cancelled.name).cancel_receipt("Sai số tiền")
	old = receipt(dossier, 1_000)
	receipt(dossier, 1_000, replaces=old.name)

	company = kept.company
	account = settings().fee_income_account
	year = frappe.get_all(
		"Fiscal Year",
		filters={"year_start_date": ("<=", kept.issued_at), "year_end_date": (">=", kept.issued_at)},
		fields=["name", "year_start_date", "year_end_date"],
	)[0]
	_columns, rows = execute(
		frappe._dict(
			company=company,
			fiscal_year=year.name,
			from_date=year.year_start_date,
			to_date=year.year_end_date,
			show_zero_values=1,
		)
	)[:2]
	row = next(row for row in rows if row.get("account") == account)
	balance = flt(row["closing_credit"]) - flt(row["closing_debit"])

	table = frappe.qb.DocType("Fee Receipt")
	issued = Sum(table.amount)
	all_issued = (
		frappe.qb.from_(table).select(issued).where((table.company == company) & (table.docstatus >= 1))
	).run()[0][0]
	withdrawn = (
		frappe.qb.from_(table).select(issued).where((table.company == company) & (table.docstatus == 2))
	).run()[0][0]
	assert balance == flt(all_issued) - flt(withdrawn)
	assert balance >= 4_000


def test_the_online_payment_rate_reads_from_receipts(db, frozen):
	from ward_admin.fees.doctype.fee_receipt import online
	from ward_admin.services.receipts import sign

	make_ward()
	procedure = make_procedure()
	frappe.db.set_value("Administrative Unit", UNIT_CODE, "payment_secret", None)
	from ward_admin.setup.fees import set_payment_secret

	set_payment_secret(UNIT_CODE, "rate-secret")
	with frozen("2026-03-02 09:00"):
		paid_online = new_dossier(procedure).insert()
		paid_cash = new_dossier(procedure).insert()
		new_dossier(procedure).insert()  # not paid yet
		new_dossier(procedure, fee_exempt=1, fee_exemption_reason="Người có công").insert()
	fields = {
		"transaction_id": "RATE-1",
		"dossier": paid_online.name,
		"amount": FEE,
		"paid_at": "2026-03-02T09:30:00",
	}
	_name, result = online.issue(
		{**{k: str(v) for k, v in fields.items()}, "signature": sign(fields, "rate-secret")}
	)
	assert result == "Accepted"
	receipt(paid_cash)
	counts = payment_counts([UNIT_CODE], "2026-03-01", "2026-03-31")
	assert counts == {"fee_dossiers": 3, "paid_online": 1, "online_payment_rate": 33.33}
	# the Service Index counts by the same definition (ward_admin.fees.indicators)
	from ward_admin.indicators import service_index

	figures = service_index.summary([UNIT_CODE], "2026-03-01", "2026-03-31")
	assert (figures["fee_dossiers"], figures["paid_online"], figures["online_payment_rate"]) == (3, 1, 33.33)


def test_the_collection_report_is_what_each_officer_hands_over(dossier):
	from dossier_factory import make_unit_user

	from ward_admin.fees.report.fee_collection.fee_collection import execute

	officer = make_unit_user("_fee.officer@example.vn", "One-Stop Officer")
	frappe.set_user(officer)
	receipt(dossier, 3_000)
	kept = receipt(dossier, 2_000, channel="Bank Transfer", transaction_id="KB-77")
	wrong = receipt(dossier, 1_000)
	frappe.get_doc("Fee Receipt", wrong.name).cancel_receipt("Thu trùng")
	day = kept.issued_at.date()
	_columns, rows, _msg, chart, summary = execute(
		{"from_date": day, "to_date": day, "administrative_unit": UNIT_CODE}
	)
	frappe.set_user("Administrator")
	cash = next(row for row in rows if row["officer"] == officer and row["channel"] == "Cash")
	assert (cash["receipts"], cash["amount"], cash["cancelled"], cash["net_amount"]) == (2, 4_000, 1, 3_000)
	bank = next(row for row in rows if row["officer"] == officer and row["channel"] == "Bank Transfer")
	assert bank["net_amount"] == 2_000
	assert chart["data"]["datasets"] and summary[-1]["value"] >= 5_000


def test_an_officer_of_another_ward_totals_none_of_these_receipts(dossier):
	from dossier_factory import make_unit_user

	from ward_admin.fees.report.fee_collection.fee_collection import execute

	receipt(dossier, 3_000)
	other = make_ward("999.10.03.H99", "_Test Phường Bên Cạnh")
	frappe.set_user(make_unit_user("_fee.other@example.vn", "One-Stop Officer", unit=other))
	_columns, rows, *_ = execute({"from_date": "2026-01-01", "to_date": "2027-12-31"})
	frappe.set_user("Administrator")
	assert rows == []


def test_reconciliation_matches_and_finds_a_hand_made_difference(dossier):
	from ward_admin.fees.report.fee_reconciliation.fee_reconciliation import execute

	kept = receipt(dossier, 3_000)
	gone = receipt(dossier, 2_000)
	frappe.get_doc("Fee Receipt", gone.name).cancel_receipt("Sai số tiền")
	day = kept.issued_at.date()
	filters = {"from_date": day, "to_date": day, "administrative_unit": UNIT_CODE}
	row = execute(filters)[1][0]
	assert (row["issued"], row["cancelled"], row["net"], row["credited"], row["difference"]) == (
		5_000,
		2_000,
		3_000,
		3_000,
		0,
	)
	# the receipt's entry cannot be cancelled behind its back
	with pytest.raises(frappe.LinkExistsError):
		frappe.get_doc("Journal Entry", kept.journal_entry).cancel()
	# an accountant posts fee income by hand: the books no longer match the receipts
	account = settings().fee_income_account
	cash = frappe.db.get_value(
		"Mode of Payment Account", {"parent": "Cash", "company": kept.company}, "default_account"
	)
	entry = frappe.get_doc(
		{
			"doctype": "Journal Entry",
			"company": kept.company,
			"posting_date": day,
			"accounts": [
				{"account": cash, "debit_in_account_currency": 500},
				{"account": account, "credit_in_account_currency": 500},
			],
		}
	).insert()
	entry.submit()
	rows = execute(filters)[1]
	extra = next(row for row in rows if not row["administrative_unit"])
	assert extra["company"] == kept.company and extra["difference"] == 500


def test_form_01_carries_the_pay_online_link_while_the_fee_is_unpaid(dossier):
	from frappe.www.printview import get_html_and_style

	def form_01():
		return get_html_and_style(
			"Dossier",
			dossier.name,
			print_format="01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
			no_letterhead=1,
		)["html"]

	html = form_01()
	assert f"/thanh-toan?ho-so={dossier.name}&amp;so-tien=10000" in html
	receipt(dossier, 4_000)
	assert f"/thanh-toan?ho-so={dossier.name}&amp;so-tien=6000" in form_01()
	receipt(dossier, 6_000)
	assert "/thanh-toan" not in form_01()


def test_an_exemption_reason_is_personal_data(db):
	"""It may tell a disability or a poor household: readers without personal-data access
	(the Inspector) neither see it nor query by it."""
	from dossier_factory import make_unit_user

	from ward_admin.permissions.queries import PersonalDataQueryError

	make_ward()
	procedure = make_procedure()
	doc = new_dossier(procedure, fee_exempt=1, fee_exemption_reason="Người khuyết tật").insert()
	frappe.set_user(make_unit_user("_fee.inspector@example.vn", "Inspector"))
	try:
		with pytest.raises(PersonalDataQueryError):
			frappe.get_list("Dossier", filters={"fee_exemption_reason": ("like", "%khuyết%")})
		seen = frappe.get_doc("Dossier", doc.name)
		seen.apply_fieldlevel_read_permissions()
		assert not seen.get("fee_exemption_reason") and seen.applicant_name == doc.applicant_name
	finally:
		frappe.set_user("Administrator")


@pytest.mark.parametrize(
	"form_symbol, receipt_symbol",
	[("EBL1", "26TAB"), ("ABC01", "26TAB"), ("EBL01", "26TAF"), ("EBL01", "26XAB"), ("EBL01", "25TAB")],
)
def test_a_bad_receipt_symbol_is_refused_and_not_saved(db, form_symbol, receipt_symbol):
	make_ward()
	with pytest.raises(InvalidReceiptSymbolError):
		frappe.get_doc(
			{
				"doctype": "Receipt Symbol",
				"administrative_unit": UNIT_CODE,
				"year": 2026,
				"form_symbol": form_symbol,
				"receipt_symbol": receipt_symbol,
			}
		).insert()
	assert not frappe.db.exists("Receipt Symbol", {"administrative_unit": UNIT_CODE})


def test_a_receipt_symbol_is_set_once_per_unit_and_one_default_per_year(db):
	make_ward()

	def symbol(letters, default=1):
		return frappe.get_doc(
			{
				"doctype": "Receipt Symbol",
				"administrative_unit": UNIT_CODE,
				"year": 2026,
				"receipt_symbol": f"26T{letters}",
				"is_default": default,
			}
		).insert()

	first = symbol("AB")
	second = symbol("AC")
	assert frappe.db.get_value("Receipt Symbol", first.name, "is_default") == 0
	assert frappe.db.get_value("Receipt Symbol", second.name, "is_default") == 1
	with pytest.raises(InvalidReceiptSymbolError):
		symbol("AB", default=0)


def test_fee_settings_take_only_the_companys_own_income_ledger(db):
	from ward_admin.fees.doctype.fee_settings.fee_settings import InvalidFeeSettingsError

	current = settings()
	cash = frappe.db.get_value(
		"Mode of Payment Account", {"parent": "Cash", "company": current.company}, "default_account"
	)
	group = frappe.db.get_value("Account", current.fee_income_account, "parent_account")
	for wrong in (cash, group):  # an asset ledger; an income group
		doc = frappe.get_doc("Fee Settings", current.name)
		doc.fee_income_account = wrong
		with pytest.raises(InvalidFeeSettingsError):
			doc.save()
	assert (
		frappe.db.get_value("Fee Settings", current.name, "fee_income_account") == current.fee_income_account
	)


def test_reconciliation_totals_only_the_readers_units(dossier):
	from dossier_factory import make_unit_user

	from ward_admin.fees.report.fee_reconciliation.fee_reconciliation import execute

	kept = receipt(dossier, 3_000)
	day = kept.issued_at.date()
	other = make_ward("999.10.04.H99", "_Test Phường Đối Chiếu")
	frappe.set_user(make_unit_user("_fee.leader.other@example.vn", "Ward Leader", unit=other))
	try:
		for unit in (None, UNIT_CODE):
			rows = execute({"from_date": day, "to_date": day, "administrative_unit": unit})[1]
			assert all(row["administrative_unit"] != UNIT_CODE for row in rows)
			assert not any(row["issued"] for row in rows)
	finally:
		frappe.set_user("Administrator")


def test_an_officer_cannot_collect_for_another_wards_dossier(dossier):
	"""The receipt takes its dossier's unit: naming the officer's own unit does not pass."""
	from dossier_factory import make_unit_user

	other = make_ward("999.10.05.H99", "_Test Phường Khác Nữa")
	frappe.set_user(make_unit_user("_fee.officer.other@example.vn", "One-Stop Officer", unit=other))
	try:
		with pytest.raises(frappe.PermissionError):
			receipt(dossier, administrative_unit=other)
	finally:
		frappe.set_user("Administrator")
	assert not frappe.db.exists("Fee Receipt", {"dossier": dossier.name})
