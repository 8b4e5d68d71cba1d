"""A Ward Leader reading in Vietnamese opens the One-Stop Shop workspace.

The worklist shortcuts count their unit's dossiers, the intake chart draws them, the status
donut is labelled with the states' Vietnamese names, the unit tree shows their ward, and
nothing fails on the way.
"""

import frappe
import pytest
from desk import log_in, watch_errors

UNIT = "999.40.02.H99"
PASSWORD = "Leader-Test-2026!"


@pytest.fixture
def leader_unit(site):
	from dossier_factory import make_ward, new_dossier, remove_committed_records

	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	remove_committed_records([UNIT])
	make_ward(UNIT, "_Test Phường Lãnh Đạo")
	procedure = get_effective_procedure("2.000815")
	for _i in range(2):
		new_dossier(procedure, unit=UNIT).insert()
	frappe.db.commit()
	yield UNIT
	remove_committed_records([UNIT])


def test_leader_reads_the_workspace_in_vietnamese(desk_url, browser, committed_user, leader_unit, artifacts):
	email = committed_user("_leader.ws@example.vn", "Ward Leader", PASSWORD, unit=leader_unit)
	frappe.db.set_value("User", email, "language", "vi")
	frappe.db.commit()
	page = browser.new_page(viewport={"width": 1366, "height": 1200})
	errors = watch_errors(page)
	try:
		log_in(page, desk_url, email, PASSWORD)
		page.goto(f"{desk_url}/app/one-stop-shop")
		# "To Start" counts the two received dossiers of the leader's unit
		page.wait_for_selector(".shortcut-widget-box:has-text('Chờ chuyển xử lý')", timeout=60_000)
		page.wait_for_function(
			"() => [...document.querySelectorAll('.shortcut-widget-box')]"
			".some(w => w.innerText.includes('Chờ chuyển xử lý') && w.innerText.includes('2 hồ sơ'))",
			timeout=30_000,
		)
		page.wait_for_selector(".chart-container svg", timeout=30_000)
		# the intake chart draws today's bar (its bars grow in, so wait for a height)
		page.wait_for_function(
			"() => [...document.querySelectorAll('.chart-container svg')[0].querySelectorAll('rect')]"
			".some(r => Number(r.getAttribute('height')) > 0)",
			timeout=30_000,
		)
		page.wait_for_load_state("networkidle")
		text = page.inner_text(".layout-main-section")
		page.screenshot(path=str(artifacts / "workspace-ward-leader.png"), full_page=True)
		# the unit tree starts at their own ward, not at the province they cannot read
		page.goto(f"{desk_url}/app/administrative-unit/view/tree")
		page.wait_for_selector(".tree-label:has-text('_Test Phường Lãnh Đạo')", timeout=30_000)
	finally:
		page.screenshot(path=str(artifacts / "workspace-ward-leader-last.png"), full_page=True)
		page.close()

	assert errors == [], errors
	assert "Được tiếp nhận" in text  # the donut's legend: state 2 in Vietnamese
	assert "Received" not in text
