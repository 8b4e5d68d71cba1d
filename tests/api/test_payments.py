"""The payment gateway's callback over HTTP against the served test site (docs/contract.md, "Fee Receipt"): one receipt
and one Journal Entry per transaction, however often it is delivered; forged, unknown or wrong
calls get an HTTP error and leave nothing but their log line. The public receipt check shows the
receipt without its payer. Records are committed, and removed at the end."""

from concurrent.futures import ThreadPoolExecutor

import frappe
import pytest
import requests

from ward_admin.services.receipts import sign

WARD = "999.41.01.H99"
PROCEDURE_CODE = "9.999410"
SECRET = "gateway-secret-for-tests"
CALLBACK = "/api/method/ward_admin.api.payments.callback"
FEE = 10_000


@pytest.fixture(scope="module")
def dossiers(site):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records

	from ward_admin.setup.fees import set_payment_secret

	remove_committed_records([WARD], [PROCEDURE_CODE])
	make_ward(WARD, "_Test Phường Thanh Toán")
	set_payment_secret(WARD, SECRET)
	procedure = make_procedure(PROCEDURE_CODE)
	names = [
		new_dossier(procedure, unit=WARD, applicant_name="Trần Thị Bình").insert().name for _ in range(3)
	]
	frappe.db.commit()
	yield names
	frappe.db.rollback()
	frappe.db.delete("Online Payment Log", {"dossier": ("in", names)})
	frappe.db.delete("Online Payment Log", {"dossier": "999.41.01.H99-000000-0000"})
	frappe.db.commit()
	remove_committed_records([WARD], [PROCEDURE_CODE])


def signed(secret=SECRET, **fields) -> dict:
	return {**fields, "signature": sign(fields, secret)}


def call(desk_url, fields):
	return requests.post(f"{desk_url}{CALLBACK}", data=fields, timeout=60)


def counts(dossier: str) -> tuple[int, int]:
	frappe.db.rollback()
	receipts = frappe.get_all("Fee Receipt", filters={"dossier": dossier}, pluck="name")
	entries = frappe.db.count("Journal Entry", {"fee_receipt": ("in", receipts or [""]), "docstatus": 1})
	return len(receipts), entries


def test_a_payment_delivered_many_times_makes_one_receipt(desk_url, dossiers):
	fields = signed(
		transaction_id="VNP-20261201-0001",
		dossier=dossiers[0],
		amount=str(FEE),
		paid_at="2026-12-01T10:15:00+07:00",
	)
	with ThreadPoolExecutor(max_workers=4) as pool:
		responses = list(pool.map(lambda _: call(desk_url, fields), range(4)))
	assert [r.status_code for r in responses] == [200] * 4, [r.text[-300:] for r in responses]
	names = {r.json()["message"] for r in responses}
	assert len(names) == 1
	again = call(desk_url, fields)
	assert again.status_code == 200 and again.json()["message"] in names
	assert counts(dossiers[0]) == (1, 1)

	receipt = frappe.get_doc("Fee Receipt", names.pop())
	assert receipt.payment_channel == "Online" and receipt.status == "Issued"
	assert receipt.amount == FEE and receipt.transaction_id == "VNP-20261201-0001"
	assert str(receipt.paid_at).startswith("2026-12-01 10:15:00")
	assert not receipt.issued_by
	logs = frappe.get_all("Online Payment Log", filters={"dossier": dossiers[0]}, pluck="result")
	assert logs == ["Accepted"]  # the four deliveries more wrote nothing
	assert not frappe.db.exists("Online Payment Log", {"remote_address": ("like", f"%{SECRET}%")})


@pytest.mark.parametrize(
	"case, status",
	[
		("forged", 403),
		("unknown dossier", 404),
		("wrong amount", 417),
		("missing field", 417),
		("bad amount", 417),
	],
)
def test_bad_calls_write_nothing(desk_url, dossiers, case, status):
	dossier = dossiers[1]
	base = {
		"transaction_id": f"VNP-BAD-{case}",
		"dossier": dossier,
		"amount": str(FEE),
		"paid_at": "2026-12-01T10:00:00",
	}
	fields = {
		"forged": lambda: signed("not-the-secret", **base),
		"unknown dossier": lambda: signed(**{**base, "dossier": "999.41.01.H99-000000-0000"}),
		"wrong amount": lambda: signed(**{**base, "amount": str(FEE - 1)}),
		"missing field": lambda: signed(**{k: v for k, v in base.items() if k != "paid_at"}),
		"bad amount": lambda: signed(**{**base, "amount": "1e4"}),
	}[case]()
	response = call(desk_url, fields)
	assert response.status_code == status, response.text[-500:]
	assert counts(dossier) == (0, 0)
	assert "Traceback" not in response.text
	logged = frappe.get_all(
		"Online Payment Log", filters={"transaction_id": base["transaction_id"]}, pluck="result"
	)
	assert logged == ["Rejected"]


def test_the_receipt_check_shows_the_receipt_not_its_payer(desk_url, dossiers):
	fields = signed(
		transaction_id="VNP-CHECK-1", dossier=dossiers[2], amount=str(FEE), paid_at="2026-12-01T11:00:00"
	)
	name = call(desk_url, fields).json()["message"]
	frappe.db.rollback()
	receipt = frappe.get_doc("Fee Receipt", name)
	page = requests.get(f"{desk_url}/bien-lai/{receipt.verification_token}", timeout=60)
	assert page.status_code == 200
	assert "Tra cứu biên lai điện tử" in page.text and "Biên lai có hiệu lực." in page.text  # in Vietnamese
	for shown in (
		receipt.receipt_symbol,
		receipt.form_symbol,
		f"{receipt.receipt_number:07d}",
		"10.000 đồng",
	):
		assert shown in page.text
	for hidden in ("Trần Thị Bình", dossiers[2], "VNP-CHECK-1"):
		assert hidden not in page.text
	missing = requests.get(f"{desk_url}/bien-lai/not-a-token", timeout=60)
	assert missing.status_code == 404
	assert "Trần Thị Bình" not in missing.text
