"""What the outbox tells the leaders (issue 20): the Service Index's sync rate — dossiers whose every
change reached the national portal ÷ dossiers the sync should have reported — and the workspace's
card of undelivered messages, counted for the reader's own units.

The portal is a real HTTP server on this machine (tests/receivers.py) that the test takes away;
the job commits what it sent, so the test cleans up its units, messages and settings.
"""

import frappe
import pytest
from dossier_factory import (
	act,
	make_procedure,
	make_unit_user,
	make_ward,
	new_dossier,
	remove_committed_records,
)
from receivers import HttpReceiver

from ward_admin.indicators import dashboard, service_index
from ward_admin.indicators.report.service_index import service_index as report
from ward_admin.integrations import indicators, outbox

UNIT = "999.20.02.H99"
OTHER = "999.20.03.H99"
PROCEDURE = "9.999202"
FROM, TO = "2026-02-01", "2026-03-31"


@pytest.fixture
def portal(frozen):
	"""The national portal on a free port; the sync switched on (through its form) on 1 March."""
	receiver = HttpReceiver().start()
	remove_committed_records(units=[UNIT, OTHER], procedure_codes=[PROCEDURE])
	make_ward(UNIT, "_Test Phường Tỷ lệ đồng bộ")
	make_ward(OTHER, "_Test Phường Đồng bộ khác")
	receiver.procedure = make_procedure(PROCEDURE)
	with frozen("2026-03-01 08:00"):
		settings = frappe.get_single("National Portal Settings")
		settings.update(
			{"enabled": 1, "endpoint_url": receiver.url, "username": "sync", "password": "pw-Sync-2026"}
		)
		settings.save()
	outbox_settings = frappe.get_single("Outbox Settings")
	outbox_settings.update({"first_retry_seconds": 1, "max_retry_seconds": 2, "max_attempts": 50})
	outbox_settings.save()
	frappe.db.commit()
	yield receiver
	receiver.stop()
	frappe.set_user("Administrator")
	remove_committed_records(units=[UNIT, OTHER], procedure_codes=[PROCEDURE])
	settings = frappe.get_single("National Portal Settings")
	settings.enabled = 0
	settings.save()
	frappe.get_single("Outbox Settings").update(outbox.DEFAULTS).save()
	frappe.db.commit()


def received(procedure, frozen, at, unit=UNIT):
	with frozen(at):
		return new_dossier(procedure, unit=unit, applicant_phone="", applicant_email="").insert()


def deliver_all():
	for _attempt in range(20):
		outbox.deliver()
		if not frappe.db.count("Outbox Message", {"administrative_unit": UNIT, "status": ("in", outbox.DUE)}):
			return
	pytest.fail("the outbox did not deliver everything")


def figures():
	(row,) = service_index.compute(UNIT, FROM, TO)
	return row["sync_dossiers"], row["synced"], row["sync_rate"]


def test_the_sync_rate_counts_the_dossiers_whose_every_change_reached_the_portal(portal, frozen):
	assert str(frappe.db.get_single_value("National Portal Settings", "enabled_since")).startswith(
		"2026-03-01"
	)
	received(portal.procedure, frozen, "2026-02-27 09:00")  # before the sync was switched on
	dossiers = [received(portal.procedure, frozen, f"2026-03-02 0{8 + i}:00") for i in range(3)]
	frappe.db.commit()
	assert figures() == (3, 0, 0.0)  # queued, not yet on the portal

	deliver_all()
	assert figures() == (3, 3, 100.0)

	portal.stop()  # the portal goes away; one dossier changes
	act(dossiers[0], "Start Processing", "2026-03-02 14:00", frozen)
	frappe.db.commit()
	outbox.deliver()
	assert frappe.db.get_value("Outbox Message", {"reference_name": dossiers[0].name, "status": "Failed"}), (
		"the change is waiting for the portal"
	)
	assert figures() == (3, 2, 66.67)
	assert {
		key: value
		for key, value in service_index.summary([UNIT], FROM, TO).items()
		if key in service_index.SYNC
	} == {"sync_dossiers": 3, "synced": 2, "sync_rate": 66.67}
	columns, rows, *_rest = report.execute({"administrative_unit": UNIT, "from_date": FROM, "to_date": TO})
	assert {"sync_dossiers", "synced", "sync_rate"} <= {column["fieldname"] for column in columns}
	assert rows[0]["sync_rate"] == 66.67
	(by_field,) = service_index.compute_by_field(UNIT, FROM, TO)
	assert (by_field["sync_dossiers"], by_field["synced"]) == (3, 2)

	# a cancelled change never reached the portal: the dossier stays behind
	failed = frappe.get_doc("Outbox Message", {"reference_name": dossiers[0].name, "status": "Failed"})
	failed.cancel("Cổng quốc gia đã có bản cập nhật")
	frappe.db.commit()
	assert figures() == (3, 2, 66.67)

	# the score does not move with the sync rate (it is shown, not scored)
	(row,) = service_index.compute(UNIT, FROM, TO)
	assert row["score"] == service_index.score({**row, "sync_rate": None}, service_index.weights())

	# switched off: the rate is not measured, and switching on again starts a new count
	settings = frappe.get_single("National Portal Settings")
	settings.enabled = 0
	settings.save()
	assert settings.enabled_since is None
	assert figures() == (None, None, None)
	assert service_index.summary([UNIT], FROM, TO)["sync_rate"] is None


def test_a_sync_switched_on_after_the_period_measures_nothing_in_it(portal, frozen):
	received(portal.procedure, frozen, "2026-02-20 09:00")
	assert service_index.compute(UNIT, "2026-02-01", "2026-02-28")[0]["sync_rate"] is None
	assert service_index.compute(UNIT, "2026-02-01", "2026-02-28")[0]["sync_dossiers"] == 0


def test_the_leaders_card_counts_the_undelivered_messages_of_their_own_units(portal, frozen):
	portal.stop()
	mine = [received(portal.procedure, frozen, f"2026-03-02 0{8 + i}:00") for i in range(2)]
	received(portal.procedure, frozen, "2026-03-02 09:30", unit=OTHER)
	# queued half an hour ago and more: all three are undelivered; one just queued is not yet
	waiting = indicators.undelivered([UNIT, OTHER], now=frappe.utils.get_datetime("2026-03-02 10:00"))
	assert waiting["count"] == 3 and str(waiting["oldest"]).startswith("2026-03-02 08:00")
	assert indicators.undelivered([UNIT], now=frappe.utils.get_datetime("2026-03-02 08:05"))["count"] == 0

	leader = make_unit_user("_test_sync_leader@example.vn", "Ward Leader", UNIT)
	other_leader = make_unit_user("_test_sync_leader2@example.vn", "Ward Leader", OTHER)
	citizen = make_unit_user("_test_sync_citizen@example.vn", "Citizen", None)
	frappe.set_user(leader)
	card = indicators.undelivered_card()
	assert card["value"] == len(mine) and card["fieldtype"] == "Int"
	assert "route" not in card  # leaders do not open the outbox itself
	frappe.set_user(other_leader)
	assert indicators.undelivered_card()["value"] == 1
	frappe.set_user("Administrator")
	card = indicators.undelivered_card()
	assert card["value"] >= 3 and card["route"] == ["query-report", "Outbox Status"]
	frappe.set_user(citizen)
	with pytest.raises(frappe.PermissionError):
		indicators.undelivered_card()
	frappe.set_user("Administrator")


def test_the_rate_cards_show_the_sync_rate_while_the_sync_is_on(portal, frozen):
	received(portal.procedure, frozen, "2026-03-02 09:00")
	leader = make_unit_user("_test_sync_leader@example.vn", "Ward Leader", UNIT)
	frappe.set_user(leader)
	cards = {card["key"]: card for card in dashboard.rate_cards("2026-03-20")["cards"]}
	assert cards["sync_rate"]["denominator"] == 1 and cards["sync_rate"]["numerator"] == 0
	frappe.set_user("Administrator")
	frappe.db.set_single_value("National Portal Settings", "enabled", 0)
	frappe.set_user(leader)
	assert "sync_rate" not in {card["key"] for card in dashboard.rate_cards("2026-03-20")["cards"]}
	frappe.set_user("Administrator")
