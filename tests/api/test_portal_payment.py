"""/thanh-toan end to end, against a payment gateway simulator served locally (docs/contract.md,
"Online payment callback"): the page shows the amount due and the fee's name and sends the
citizen to the unit's gateway with signed fields; the simulator checks that signature as a real
gateway checks its merchant's, pays, calls the callback signed with the unit's secret as a real
one would, and sends the citizen back, where the page shows the receipt and its /bien-lai/ check.
The dossier awaiting payment moves on by itself. Records are committed and removed at the end."""

import re
import threading
import uuid
from datetime import datetime
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

import frappe
import pytest
import requests

from ward_admin.services.receipts import sign, signature_matches

WARD = "999.22.03.H99"
PROCEDURE_CODE = "9.999224"
SECRET = "portal-gateway-secret-for-tests"
CALLBACK = "/api/method/ward_admin.api.payments.callback"


class Simulator:
	"""A gateway: POST /pay with the merchant's signed fields -> pays -> calls the callback ->
	303 back to the merchant's return address."""

	def __init__(self, desk_url: str):
		self.desk_url = desk_url
		self.callbacks: list[int] = []
		simulator = self

		class Handler(BaseHTTPRequestHandler):
			def log_message(self, *args):
				pass

			def do_POST(self):
				body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
				fields = dict(parse_qsl(body, keep_blank_values=True))
				signature = fields.pop("signature", "")
				if not signature_matches({**fields, "signature": signature}, SECRET):
					self.send_response(403)
					self.end_headers()
					return
				paid = {
					"transaction_id": f"SIM-{uuid.uuid4().hex[:12]}",
					"dossier": fields["dossier"],
					"amount": fields["amount"],
					"paid_at": datetime.now().astimezone().isoformat(timespec="seconds"),
				}
				answer = requests.post(
					f"{simulator.desk_url}{CALLBACK}",
					data={**paid, "signature": sign(paid, SECRET)},
					timeout=60,
				)
				simulator.callbacks.append(answer.status_code)
				self.send_response(303 if answer.ok else 502)
				self.send_header("Location", fields["return_url"])
				self.end_headers()

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.url = f"http://127.0.0.1:{self.server.server_port}/pay"
		threading.Thread(target=self.server.serve_forever, daemon=True).start()

	def close(self):
		self.server.shutdown()


@pytest.fixture(scope="module")
def gateway(desk_url):
	simulator = Simulator(desk_url)
	yield simulator
	simulator.close()


@pytest.fixture(scope="module")
def awaiting_payment(site, gateway):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records
	from frappe.model.workflow import apply_workflow

	from ward_admin.setup.fees import set_payment_secret

	remove_committed_records([WARD], [PROCEDURE_CODE])
	make_ward(WARD, "_Test Phường Thanh Toán Cổng")
	set_payment_secret(WARD, SECRET)
	frappe.db.set_value("Administrative Unit", WARD, "payment_gateway_url", gateway.url)
	procedure = make_procedure(PROCEDURE_CODE)
	doc = new_dossier(procedure, unit=WARD, applicant_name="Canary Trần Văn Trả").insert()
	apply_workflow(frappe.get_doc("Dossier", doc.name), "Start Processing")
	apply_workflow(frappe.get_doc("Dossier", doc.name), "Request Payment")
	frappe.db.commit()
	yield frappe.get_doc("Dossier", doc.name)
	frappe.db.rollback()
	frappe.db.delete("Online Payment Log", {"dossier": doc.name})
	frappe.db.commit()
	remove_committed_records([WARD], [PROCEDURE_CODE])


def local(desk_url: str, url: str) -> str:
	"""An address the site made (with its configured host), on the served test site."""
	parts = urlsplit(url)
	return f"{desk_url}{parts.path}?{parts.query}"


def pay_form(html: str) -> tuple[str, dict]:
	action = unescape(re.search(r'<form method="post" action="([^"]+)" class="payment-form">', html).group(1))
	fields = {
		unescape(name): unescape(value)
		for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
	}
	return action, fields


def test_a_citizen_pays_through_the_gateway_and_sees_the_receipt(desk_url, gateway, awaiting_payment):
	doc = awaiting_payment
	assert doc.status_code == 6
	page = requests.get(
		f"{desk_url}/thanh-toan", params={"ho-so": doc.name, "bi-mat": doc.lookup_secret}, timeout=60
	)
	assert page.status_code == 200
	assert "10.000 đồng" in page.text and "_Test thủ tục 9.999224" in page.text
	assert "Canary Trần Văn Trả" not in page.text
	action, fields = pay_form(page.text)
	assert action == gateway.url
	assert set(fields) == {"dossier", "amount", "return_url", "signature"}
	assert (fields["dossier"], fields["amount"]) == (doc.name, "10000")
	assert doc.lookup_secret not in fields["return_url"]  # the gateway never learns the slip's key

	# a tampered amount is not the unit's request: the gateway refuses it
	forged = requests.post(action, data={**fields, "amount": "1"}, allow_redirects=False, timeout=60)
	assert forged.status_code == 403 and gateway.callbacks == []

	paid = requests.post(action, data=fields, allow_redirects=False, timeout=60)
	assert paid.status_code == 303, paid.status_code
	assert gateway.callbacks == [200]
	back = requests.get(local(desk_url, paid.headers["Location"]), timeout=60)
	assert back.status_code == 200
	frappe.db.rollback()
	receipt = frappe.get_doc("Fee Receipt", {"dossier": doc.name})
	assert (receipt.payment_channel, receipt.amount, receipt.status) == ("Online", 10000, "Issued")
	assert f"{receipt.receipt_number:07d}" in back.text
	assert receipt.receipt_symbol in back.text and receipt.form_symbol in back.text
	assert f"/bien-lai/{receipt.verification_token}" in back.text
	assert "Phí, lệ phí của hồ sơ đã được nộp đủ." in back.text
	assert "payment-form" not in back.text  # nothing left to pay
	# the dossier left its payment pause by itself
	assert frappe.db.get_value("Dossier", doc.name, "status_code") == 4
	# the receipt's check opens from the page, for anyone
	check = requests.get(f"{desk_url}/bien-lai/{receipt.verification_token}", timeout=60)
	assert check.status_code == 200 and "Biên lai có hiệu lực." in check.text


def test_the_page_opens_only_with_the_dossiers_key(desk_url, awaiting_payment):
	doc = awaiting_payment
	for params in (
		{"ho-so": doc.name, "ve": "0" * 32},
		{"ho-so": doc.name, "bi-mat": "AAAAAAAA" if doc.lookup_secret != "AAAAAAAA" else "BBBBBBBB"},
		{"ho-so": doc.name[:-1] + "9", "bi-mat": doc.lookup_secret},
	):
		r = requests.get(f"{desk_url}/thanh-toan", params=params, timeout=60)
		assert r.status_code == 404, params
		assert "10.000 đồng" not in r.text and "_Test thủ tục" not in r.text
	# form 01's link without the secret asks for it
	ask = requests.get(f"{desk_url}/thanh-toan", params={"ho-so": doc.name, "so-tien": "10000"}, timeout=60)
	assert ask.status_code == 200 and 'name="bi-mat"' in ask.text and "_Test thủ tục" not in ask.text
