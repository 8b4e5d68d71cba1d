"""Who sees what the outbox sends, and its settings (in-process, rolled back): Outbox Message is an
admin's record of their unit's dossiers, without the citizen's address or the payload; the
national portal's settings are the province's admins' only; the password is never shown."""

import frappe
import pytest
from dossier_factory import make_procedure, make_unit_user, new_dossier

from ward_admin.integrations import outbox
from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

PROVINCE, WARD_A, WARD_B = "999.61.00.H99", "999.61.01.H99", "999.61.02.H99"
PASSWORD = "portal-pass-61"


@pytest.fixture
def province():
	for code, name, kind, parent in (
		(PROVINCE, "_Test Tỉnh Hộp Thư", "Province", None),
		(WARD_A, "_Test Phường Hộp Thư A", "Ward", PROVINCE),
		(WARD_B, "_Test Phường Hộp Thư B", "Ward", PROVINCE),
	):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": name,
				"unit_code": code,
				"unit_type": kind,
				"is_group": int(parent is None),
				"parent_administrative_unit": parent,
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert()
	settings = frappe.get_single("National Portal Settings")
	settings.update(
		{"enabled": 1, "endpoint_url": "http://127.0.0.1:9", "username": "u", "password": PASSWORD}
	)
	settings.save()
	procedure = make_procedure("9.999610")
	return {
		unit: new_dossier(procedure, unit=unit, applicant_email="an@example.com").insert().name
		for unit in (WARD_A, WARD_B)
	}


def users():
	return {
		"province_admin": make_unit_user("_t61_province_admin@example.com", "Ward Admin", PROVINCE),
		"ward_admin": make_unit_user("_t61_ward_admin@example.com", "Ward Admin", WARD_A),
		"officer": make_unit_user("_t61_officer@example.com", "One-Stop Officer", WARD_A),
		"leader": make_unit_user("_t61_leader@example.com", "Ward Leader", WARD_A),
	}


def test_a_ward_admin_sees_the_messages_of_their_units_dossiers_without_their_content(province):
	people = users()
	frappe.set_user(people["ward_admin"])
	listed = frappe.get_list("Outbox Message", fields=["name", "reference_name"], limit=0)
	assert {row.reference_name for row in listed} >= {province[WARD_A]}
	assert province[WARD_B] not in {row.reference_name for row in listed}
	message = frappe.get_doc("Outbox Message", {"reference_name": province[WARD_A]})
	assert message.has_permission("read")
	assert not message.has_permission("write")
	other = frappe.get_doc("Outbox Message", {"reference_name": province[WARD_B]})
	assert not other.has_permission("read")
	from ward_admin.permissions.scope import hidden_fields

	assert {"recipient", "payload"} <= hidden_fields("Outbox Message")
	try:
		rows = frappe.get_list("Outbox Message", fields=["name", "payload", "recipient"], limit=0)
	except frappe.PermissionError:
		rows = []
	assert all(not row.get("payload") and not row.get("recipient") for row in rows)


@pytest.mark.parametrize("who", ["officer", "leader"])
def test_staff_do_not_see_the_outbox(province, who):
	frappe.set_user(users()[who])
	assert not frappe.has_permission("Outbox Message", "read")
	assert not frappe.has_permission("National Portal Settings", "read")


def test_the_portals_settings_are_the_provinces_admins(province):
	people = users()
	settings = frappe.get_single("National Portal Settings")
	frappe.set_user(people["ward_admin"])
	assert not frappe.has_permission("National Portal Settings", "read", settings)
	assert not frappe.has_permission("Outbox Settings", "read", frappe.get_single("Outbox Settings"))
	frappe.set_user(people["province_admin"])
	assert frappe.has_permission("National Portal Settings", "write", settings)


def test_the_password_is_never_shown(province):
	settings = frappe.get_single("National Portal Settings")
	assert PASSWORD not in frappe.as_json(settings.as_dict())
	payloads = frappe.get_all("Outbox Message", filters={"reference_name": province[WARD_A]}, pluck="payload")
	assert payloads and all(PASSWORD not in payload for payload in payloads)


def test_an_unknown_channel_is_refused():
	with pytest.raises(outbox.UnknownChannelError):
		outbox.queue("Fax", "x", "Dossier", "x", "k", {})


# ---------------------------------------------------------------- retry and cancel, with a reason


def dead_message(province):
	name = frappe.db.get_value(
		"Outbox Message", {"reference_name": province[WARD_A], "channel": "National Portal"}, "name"
	)
	frappe.db.set_value("Outbox Message", name, {"status": "Dead", "attempts": 10})
	return frappe.get_doc("Outbox Message", name)


def test_the_province_admin_retries_a_dead_message_with_a_reason(province):
	people = users()
	message = dead_message(province)
	frappe.set_user(people["province_admin"])
	with pytest.raises(outbox.OutboxActionError):
		message.retry("")
	message.retry("Cổng quốc gia đã hoạt động lại")
	assert (message.status, message.attempts) == ("Queued", 0)
	comment = frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Outbox Message", "reference_name": message.name},
		pluck="content",
	)
	assert any("Cổng quốc gia đã hoạt động lại" in text for text in comment)
	with pytest.raises(outbox.OutboxActionError):
		message.retry("again")  # it is queued, not failed


def test_a_cancelled_message_lets_its_streams_later_messages_go(province):
	message = dead_message(province)
	later = outbox.queue(
		"National Portal",
		"DongBoHoSoMC",
		"Dossier",
		province[WARD_A],
		"later-key",
		{"MaHoSo": "x"},
		None,
		WARD_A,
	)
	assert later not in outbox.due_heads(1000)
	message.cancel("Hồ sơ nhập nhầm, không đồng bộ")
	assert message.status == "Cancelled"
	assert later in outbox.due_heads(1000)


@pytest.mark.parametrize("who", ["ward_admin", "officer"])
def test_only_the_province_admins_retry_or_cancel(province, who):
	message = dead_message(province)
	frappe.set_user(users()[who])
	with pytest.raises(frappe.PermissionError):
		message.retry("x")
	with pytest.raises(frappe.PermissionError):
		message.cancel("x")


def test_the_outbox_status_counts_what_is_undelivered_by_channel_in_the_readers_units(province):
	from ward_admin.ward_integrations.report.outbox_status.outbox_status import execute

	dead_message(province)
	frappe.set_user(users()["ward_admin"])
	_columns, rows = execute({})
	portal = next(row for row in rows if row["channel"] == "National Portal")
	assert portal["dead"] == 1 and portal["queued"] == 0  # ward B's message is not theirs
	assert portal["oldest_hours"] is not None
	frappe.set_user("Administrator")
	portal = next(row for row in execute({})[1] if row["channel"] == "National Portal")
	assert portal["dead"] >= 1 and portal["queued"] >= 1


def test_each_key_is_written_once_and_each_message_has_its_own_name(db):
	first = outbox.queue("SMS", "x", "Dossier", "D-1", "_t61|k1", {"body": "1"}, "0912345678")
	second = outbox.queue("SMS", "x", "Dossier", "D-1", "_t61|k2", {"body": "2"}, "0912345678")
	again = outbox.queue("SMS", "x", "Dossier", "D-1", "_t61|k1", {"body": "changed"}, "0912345678")
	assert first and second and first != second and again == first
	assert frappe.db.count("Outbox Message", {"idempotency_key": ("like", "_t61|%")}) == 2
	assert frappe.db.get_value("Outbox Message", first, "payload") == '{"body": "1"}'
