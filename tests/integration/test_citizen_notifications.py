"""The citizen's e-mail and SMS (ward_admin.integrations.notifications): the texts an admin edits name
only safe placeholders and run no code; nothing is queued without an address or number; phones take
the 10-digit form; the e-mails reach a real SMTP server (aiosmtpd) through Frappe's Email Account and
Email Queue, and the SMS a real HTTP gateway through Frappe's SMS Settings, once each, also when the
gateway was away for a while, with its API key never in an error."""

import time

import frappe
import pytest
from dossier_factory import act, make_procedure, make_ward, new_dossier, remove_committed_records
from receivers import HttpReceiver, SmtpReceiver

from ward_admin.integrations import notifications, outbox

UNIT = "999.21.01.H99"
PROCEDURE = "9.999210"
SMS_KEY = "sms-api-key-21x"
EMAIL_ACCOUNT = "_Test Một Cửa Outbox"


def remove_messages():
	messages = frappe.get_all("Outbox Message", filters={"administrative_unit": UNIT}, pluck="name")
	if messages:
		frappe.db.delete("Outbox Attempt", {"parent": ("in", messages)})
		frappe.db.delete("Outbox Message", {"name": ("in", messages)})


@pytest.fixture(scope="module", autouse=True)
def _clean_slate(site):
	"""What an interrupted run may have left: its unit's dossiers (whose codes come again) and messages."""
	frappe.db.rollback()
	remove_messages()
	remove_committed_records(units=[UNIT], procedure_codes=[PROCEDURE])
	yield


def template(event="Dossier Received", channel="Email", subject="Hồ sơ {dossier}", body="{applicant_name}"):
	return frappe.get_doc(
		{
			"doctype": "Citizen Notification Template",
			"event": event,
			"channel": channel,
			"subject": subject,
			"body": body,
		}
	)


# ---------------------------------------------------------------- templates (rolled back)


def test_the_shipped_templates_cover_every_event_and_channel(db):
	rows = frappe.get_all("Citizen Notification Template", fields=["event", "channel"])
	events = frappe.get_meta("Citizen Notification Template").get_field("event").options.split("\n")
	assert {(row.event, row.channel) for row in rows} >= {(e, c) for e in events for c in ("Email", "SMS")}


@pytest.mark.parametrize(
	"body",
	[
		"{{ frappe.db.sql('select 1') }}",
		"{% for x in y %}{% endfor %}",
		"Xin chào {applicant_id_number}",  # personal data not on the allow-list
		"{dossier.__class__.__init__.__globals__}",
		"{0.__class__}",
	],
)
def test_a_template_names_only_the_allowed_placeholders(db, body):
	frappe.db.delete("Citizen Notification Template", {"event": "Dossier Received", "channel": "Email"})
	with pytest.raises(notifications.TemplateError):
		template(body=body).insert()


def test_rendering_substitutes_and_evaluates_nothing():
	values = {"dossier": "H-1", "applicant_name": "An"}
	assert notifications.render("{dossier} {applicant_name} {unknown} {0.__class__}", values) == (
		"H-1 An {unknown} {0.__class__}"
	)


def receive(doc_values, frozen):
	make_ward(UNIT, "_Test Phường Thông Báo")
	procedure = make_procedure(PROCEDURE)
	with frozen("2026-03-02 10:00"):
		return new_dossier(procedure, unit=UNIT, **doc_values).insert()


def test_no_message_without_an_address_or_a_number(db, frozen):
	doc = receive({"applicant_phone": "", "applicant_email": ""}, frozen)
	assert not frappe.get_all(
		"Outbox Message", filters={"reference_name": doc.name, "channel": ("!=", "National Portal")}
	)
	bad = receive({"applicant_phone": "12345", "applicant_email": ""}, frozen)  # not a mobile number
	assert not frappe.get_all(
		"Outbox Message", filters={"reference_name": bad.name, "channel": ("!=", "National Portal")}
	)


def test_the_receipt_tells_the_code_the_secret_and_the_appointment(db, frozen):
	doc = receive({"applicant_phone": "+84 912 345 678", "applicant_email": "an@example.com"}, frozen)
	sms = frappe.get_doc("Outbox Message", {"reference_name": doc.name, "channel": "SMS"})
	email = frappe.get_doc("Outbox Message", {"reference_name": doc.name, "channel": "Email"})
	assert sms.recipient == "0912345678" and email.recipient == "an@example.com"
	assert sms.event == email.event == "Dossier Received"
	body = frappe.parse_json(email.payload)["body"]
	assert doc.name in body and doc.lookup_secret in body
	assert frappe.utils.get_datetime(doc.appointment_at).strftime("%H:%M %d/%m/%Y") in body
	assert frappe.parse_json(email.payload)["subject"] == f"Tiếp nhận hồ sơ {doc.name}"


def test_a_supplement_request_tells_what_is_missing(db, frozen):
	doc = receive({"applicant_email": "an@example.com"}, frozen)
	act(doc, "Start Processing", "2026-03-02 11:00", frozen)
	act(
		frappe.get_doc("Dossier", doc.name),
		"Request Supplement",
		"2026-03-02 14:00",
		frozen,
		supplement_request="Bản sao giấy khai sinh",
	)
	message = frappe.get_doc(
		"Outbox Message", {"reference_name": doc.name, "channel": "Email", "event": "Supplement Requested"}
	)
	assert "Bản sao giấy khai sinh" in frappe.parse_json(message.payload)["body"]


# ---------------------------------------------------------------- real receivers (committed)


@pytest.fixture
def receivers(site):
	smtp = SmtpReceiver().start()
	gateway = HttpReceiver().start()
	frappe.db.rollback()
	remove_committed_records(units=[UNIT], procedure_codes=[PROCEDURE])
	frappe.delete_doc(
		"Email Account", EMAIL_ACCOUNT, force=True, ignore_permissions=True, ignore_missing=True
	)
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": EMAIL_ACCOUNT,
			"email_id": "mot-cua@example.com",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "127.0.0.1",
			"smtp_port": smtp.port,
			"use_tls": 0,
			"no_smtp_authentication": 1,
		}
	).insert(ignore_permissions=True)
	sms = frappe.get_single("SMS Settings")
	previous_sms = sms.as_dict()
	sms.update(
		{
			"sms_gateway_url": f"{gateway.url}/sms",
			"message_parameter": "text",
			"receiver_parameter": "to",
			"use_post": 0,  # a GET: the key travels in the address, which an error would show
			"parameters": [],
		}
	)
	sms.append("parameters", {"parameter": "api_key", "value": SMS_KEY, "header": 0})
	sms.save(ignore_permissions=True)
	frappe.get_single("Outbox Settings").update(
		{"first_retry_seconds": 1, "max_retry_seconds": 1, "max_attempts": 50}
	).save()
	frappe.db.commit()
	yield smtp, gateway
	smtp.stop()
	gateway.stop()
	frappe.db.rollback()
	remove_messages()
	queued = frappe.get_all(
		"Email Queue",
		filters={"reference_doctype": "Dossier", "reference_name": ("like", f"{UNIT}%")},
		pluck="name",
	)
	if queued:
		frappe.db.delete("Email Queue Recipient", {"parent": ("in", queued)})
		frappe.db.delete("Email Queue", {"name": ("in", queued)})
	frappe.db.delete("SMS Log", {"message": ("like", f"%{UNIT}%")})
	frappe.delete_doc("Email Account", EMAIL_ACCOUNT, force=True, ignore_permissions=True)
	# Frappe keeps the outgoing account it found for the rest of the process: with it, every later
	# test's assignment e-mail would be sent at once (as Frappe does in tests) and commit its save
	for cache in ("outgoing_email_account", "incoming_email_account"):
		if hasattr(frappe.local, cache):
			delattr(frappe.local, cache)
	sms = frappe.get_single("SMS Settings")
	sms.update(
		{
			key: previous_sms.get(key)
			for key in ("sms_gateway_url", "message_parameter", "receiver_parameter", "use_post")
		}
	)
	sms.set("parameters", [])
	sms.flags.ignore_mandatory = True  # as it was: a site without a gateway
	sms.save(ignore_permissions=True)
	frappe.get_single("Outbox Settings").update(outbox.DEFAULTS).save()
	frappe.db.commit()
	remove_committed_records(units=[UNIT], procedure_codes=[PROCEDURE])


def deliver_until_done(timeout=60):
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		outbox.deliver()
		if not frappe.db.count("Outbox Message", {"administrative_unit": UNIT, "status": ("in", outbox.DUE)}):
			return
		time.sleep(0.5)
	pytest.fail("the outbox did not deliver everything in time")


def flush_email_queue():
	"""Frappe's own job that sends the Email Queue (it skips the SMTP session in tests unless told)."""
	from frappe.email.queue import flush

	frappe.flags.testing_email = True
	try:
		flush()
	finally:
		frappe.flags.testing_email = False
	frappe.db.commit()


def test_emails_and_sms_reach_real_receivers_once_also_after_the_gateway_was_away(receivers, frozen):
	smtp, gateway = receivers
	gateway.stop()
	doc = receive({"applicant_phone": "0912 345 678", "applicant_email": "an@example.com"}, frozen)
	frappe.db.commit()

	outbox.deliver()
	frappe.db.rollback()
	sms = frappe.get_doc("Outbox Message", {"reference_name": doc.name, "channel": "SMS"})
	assert sms.status == "Failed" and sms.last_error
	assert SMS_KEY not in sms.last_error and all(SMS_KEY not in (row.error or "") for row in sms.attempts_log)
	assert "0912345678" not in sms.last_error  # the number is personal data: not in what admins read
	assert (
		frappe.db.get_value("Outbox Message", {"reference_name": doc.name, "channel": "Email"}, "status")
		== "Sent"
	)

	gateway.start()
	time.sleep(1.1)
	deliver_until_done()
	outbox.deliver()  # once more: nothing is sent twice
	flush_email_queue()
	flush_email_queue()

	(sms_request,) = gateway.requests
	assert sms_request["path"].startswith("/sms?")
	from urllib.parse import parse_qs, urlsplit

	query = parse_qs(urlsplit(sms_request["path"]).query)
	assert query["to"] == ["0912345678"] and query["api_key"] == [SMS_KEY]
	assert doc.name in query["text"][0]

	(mail,) = smtp.messages
	assert mail["to"] == ["an@example.com"]
	assert doc.name in mail["content"]
