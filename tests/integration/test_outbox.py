"""The outbox against real receivers on this machine (tests/receivers.py): the national portal played
by an HTTP server the test stops and starts again. Nothing is lost while it is away, nothing is sent
twice, one dossier's messages arrive in order, a rolled-back save sends nothing, and two runs of
the job at once send each message once.

These tests commit (the job commits what it sent), so each cleans up its unit, its messages and the
settings it changed.
"""

import base64
import os
import threading
import time
from pathlib import Path

import frappe
import pytest
from dossier_factory import act, make_procedure, make_ward, new_dossier, remove_committed_records
from receivers import HttpReceiver

from ward_admin.integrations import outbox

UNIT = "999.20.01.H99"
PROCEDURE = "9.999200"
PASSWORD = "s3cret-Portal-Pa55"
SITE = os.environ.get("WARD_TEST_SITE", "test.localhost")
SITES = str(Path(__file__).resolve().parents[2] / "sites")


def remove_messages():
	frappe.db.rollback()
	names = frappe.get_all("Outbox Message", filters={"administrative_unit": UNIT}, pluck="name")
	if names:
		frappe.db.delete("Outbox Attempt", {"parent": ("in", names)})
		frappe.db.delete("Outbox Message", {"name": ("in", names)})
	frappe.db.commit()


@pytest.fixture
def portal():
	"""A national portal on a free port, the sync pointed at it, retries a second apart."""
	receiver = HttpReceiver().start()
	remove_committed_records(units=[UNIT], procedure_codes=[PROCEDURE])
	remove_messages()
	make_ward(UNIT, "_Test Phường Đồng Bộ")
	procedure = make_procedure(PROCEDURE)
	configure(receiver.url)
	frappe.db.commit()
	receiver.procedure = procedure
	yield receiver
	receiver.stop()
	remove_messages()
	remove_committed_records(units=[UNIT], procedure_codes=[PROCEDURE])
	settings = frappe.get_single("National Portal Settings")
	settings.enabled = 0
	settings.save()
	frappe.get_single("Outbox Settings").update(outbox.DEFAULTS).save()
	frappe.db.commit()


def configure(url, first_retry=1, max_retry=2, max_attempts=50):
	settings = frappe.get_single("National Portal Settings")
	settings.update({"enabled": 1, "endpoint_url": url, "username": "ward-sync", "password": PASSWORD})
	settings.save()
	outbox_settings = frappe.get_single("Outbox Settings")
	outbox_settings.update(
		{"first_retry_seconds": first_retry, "max_retry_seconds": max_retry, "max_attempts": max_attempts}
	)
	outbox_settings.save()


def received_dossier(procedure, frozen, at):
	"""A counter receipt of a citizen who gave no phone or e-mail: only the portal's sync is queued."""
	with frozen(at):
		return new_dossier(procedure, unit=UNIT, applicant_phone="", applicant_email="").insert()


def make_history(procedure, frozen, count=3):
	"""`count` dossiers received at the counter (code 2), each then processed (4); the first also
	asked for a supplement (5). Returns {dossier: the codes the portal must see, in order}."""
	expected = {}
	for i in range(count):
		doc = received_dossier(procedure, frozen, f"2026-03-02 0{8 + i}:00")
		act(doc, "Start Processing", f"2026-03-02 1{i}:30", frozen)
		expected[doc.name] = ["2", "4"]
	first = next(iter(expected))
	act(
		frappe.get_doc("Dossier", first),
		"Request Supplement",
		"2026-03-03 09:00",
		frozen,
		supplement_request="Bản sao giấy khai sinh",
	)
	expected[first].append("5")
	frappe.db.commit()
	return expected


def deliver_until_done(timeout=60):
	"""Runs the job as the scheduler would, until nothing of the unit is left to send."""
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		outbox.deliver()
		left = frappe.db.count("Outbox Message", {"administrative_unit": UNIT, "status": ("in", outbox.DUE)})
		if not left:
			return
		time.sleep(0.5)
	pytest.fail("the outbox did not deliver everything in time")


def codes_seen(receiver) -> dict[str, list[str]]:
	seen = {}
	for body in receiver.bodies("/DongBoHoSoMC"):
		seen.setdefault(body["MaHoSo"], []).append(body["TrangThaiHoSo"])
	return seen


def collapse(codes):
	"""A retry of the message the receiver did not acknowledge may come again right after it."""
	return [code for i, code in enumerate(codes) if i == 0 or code != codes[i - 1]]


def messages(status=None):
	filters = {"administrative_unit": UNIT}
	if status:
		filters["status"] = status
	return frappe.get_all("Outbox Message", filters=filters, fields=["*"], order_by="name")


def test_nothing_is_lost_while_the_portal_is_away_and_nothing_is_sent_twice(portal, frozen):
	portal.stop()
	expected = make_history(portal.procedure, frozen)
	queued = messages()
	assert len(queued) == sum(len(codes) for codes in expected.values())
	assert {m.status for m in queued} == {"Queued"}

	assert outbox.deliver() == 0  # the portal is away
	frappe.db.rollback()
	failed = messages()
	# one attempt at the head of each dossier's stream; the later messages wait behind it
	assert {m.status for m in failed} == {"Failed", "Queued"}
	assert len([m for m in failed if m.status == "Failed"]) == len(expected)
	for message in failed:
		if message.status == "Failed":
			assert message.attempts == 1 and message.next_attempt_at > message.creation
			assert "refused" in message.last_error.lower() or "connect" in message.last_error.lower()
			assert PASSWORD not in message.last_error
	time.sleep(1.2)
	outbox.deliver()  # still away: a second attempt, kept in the log
	frappe.db.rollback()
	head = frappe.get_doc("Outbox Message", messages("Failed")[0].name)
	assert head.attempts == 2 and len(head.attempts_log) == 2
	assert all(row.outcome == "Failed" and row.error for row in head.attempts_log)

	portal.start()  # back, on the same address
	deliver_until_done()

	assert codes_seen(portal) == expected  # each once, in order per dossier
	assert {m.status for m in messages()} == {"Sent"}
	auth = portal.requests[0]["headers"]["Authorization"]
	assert base64.b64decode(auth.split()[1]).decode() == f"ward-sync:{PASSWORD}"
	for request in portal.requests:
		assert PASSWORD not in request["raw"].decode("utf-8")


def test_the_portal_sees_the_national_fields(portal, frozen):
	doc = received_dossier(portal.procedure, frozen, "2026-03-02 10:00")
	frappe.db.commit()
	deliver_until_done()
	(body,) = portal.bodies("/DongBoHoSoMC")
	doc.reload()
	assert body["MaHoSo"] == doc.name
	assert body["MaTTHC"] == PROCEDURE
	assert body["TrangThaiHoSo"] == "2"
	assert body["MaDonVi"] == UNIT and body["DonViXuLy"] == "_Test Phường Đồng Bộ"
	assert body["ChuHoSo"] == "Nguyễn Văn An" and body["MaDoiTuong"] == "001090012345"
	# yyyyMMddHHmmss, Asia/Ho_Chi_Minh (the site's zone is the same)
	assert body["NgayTiepNhan"] == "20260302100000"
	assert body["NgayHenTra"] == frappe.utils.get_datetime(doc.appointment_at).strftime("%Y%m%d%H%M%S")
	assert body["NgayTra"] == ""
	assert body["TaiLieuNop"] == [{"TenGiayTo": "Tờ khai"}, {"TenGiayTo": "Giấy ủy quyền"}]
	assert body["DanhSachLePhi"][0]["Gia"] == 10000
	assert body["isUpdating"] is False


def test_a_portal_that_refuses_or_loses_its_answer_gets_every_message_without_gap_or_reorder(portal, frozen):
	# every third request: refused; every fifth: taken but its answer lost
	portal.mode = lambda n: "lose_answer" if n % 5 == 0 else "refuse" if n % 3 == 0 else "ok"
	expected = make_history(portal.procedure, frozen, count=4)
	deliver_until_done()
	seen = codes_seen(portal)
	assert {name: collapse(codes) for name, codes in seen.items()} == expected
	refused = [m for m in messages() if m.attempts > 1]
	assert refused, "the receiver refused some messages"
	assert any(
		"99" in row.error
		for m in refused
		for row in frappe.get_doc("Outbox Message", m.name).attempts_log
		if row.error
	)


def test_a_message_that_keeps_failing_is_dead_and_holds_its_dossiers_later_messages(portal, frozen):
	configure(portal.url, first_retry=0, max_attempts=3)
	portal.mode = "error"
	doc = received_dossier(portal.procedure, frozen, "2026-03-02 10:00")
	act(doc, "Start Processing", "2026-03-02 11:00", frozen)
	frappe.db.commit()
	for _ in range(4):
		outbox.deliver()
	frappe.db.rollback()
	first, second = messages()
	assert (first.status, first.attempts, second.status, second.attempts) == ("Dead", 3, "Queued", 0)
	assert [b["TrangThaiHoSo"] for b in portal.bodies()] == ["2", "2", "2"]


def test_a_rolled_back_save_queues_nothing(portal, frozen):
	doc = received_dossier(portal.procedure, frozen, "2026-03-02 10:00")
	assert frappe.db.count("Outbox Message", {"reference_name": doc.name}) == 1  # in the save's transaction
	frappe.db.rollback()
	assert not frappe.db.count("Outbox Message", {"reference_name": doc.name})
	assert outbox.deliver() == 0
	assert portal.requests == []


def test_a_resave_and_a_hook_run_twice_queue_once(portal, frozen):
	doc = received_dossier(portal.procedure, frozen, "2026-03-02 10:00")
	from ward_admin.integrations import dossier_messages

	dossier_messages.on_dossier_update(doc)  # the same save's events again
	doc.reload()
	doc.applicant_name = "Nguyễn Văn Ân"
	doc.save()  # no status change: nothing new for the portal
	assert frappe.db.count("Outbox Message", {"reference_name": doc.name}) == 1
	frappe.db.rollback()


def _deliver_in_own_connection(results, errors):
	try:
		frappe.init(site=SITE, sites_path=SITES)
		frappe.connect()
		results.append(outbox.deliver())
	except Exception:
		import traceback

		errors.append(traceback.format_exc())
	finally:
		frappe.destroy()


def test_two_runs_at_once_send_each_message_once(portal, frozen):
	portal.delay = 0.05  # a receiver slow enough for the two runs to overlap
	settings = frappe.get_single("Outbox Settings")
	settings.batch_size = 2  # each run claims a few heads at a time: the runs interleave
	settings.save()
	expected = make_history(portal.procedure, frozen, count=8)
	results, errors = [], []
	threads = [threading.Thread(target=_deliver_in_own_connection, args=(results, errors)) for _ in range(2)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	assert not errors, errors
	deliver_until_done()  # what both runs left (a stream's next message once its head was sent)
	seen = codes_seen(portal)
	assert seen == expected
	assert len(portal.requests) == sum(len(codes) for codes in expected.values())
	assert sum(results) > 0 and all(r >= 0 for r in results)
