"""A Vietnamese-speaking Ward Leader opens every workspace and report of the app (issue 12).

In Debian's chromium: the Service Indicators workspace shows the ratio cards of the leader's own
ward (with numerator and denominator) and the monthly chart; the reports draw their tables and
charts. No label whose Vietnamese the app ships is left in English, nothing fails in the console,
and a screenshot of each page is kept in tests/artifacts.
"""

import csv
import re
from pathlib import Path

import frappe
import pytest
from desk import log_in, watch_errors

PROVINCE = "999.51.00.H99"
WARD = "999.51.01.H99"
PASSWORD = "Leader-Reports-2026!"
VI_CSV = Path(__file__).resolve().parents[2] / "apps/ward_admin/ward_admin/translations/vi.csv"

WORKSPACES = ("service-indicators", "one-stop-shop", "emulation")
REPORTS = (
	"Service Index",
	"Unit Ranking",
	"Overdue and At-Risk Dossiers",
	"Processing Time by Procedure",
	"Dossier Register",
	"Fee Collection",
	"Dossiers to Sign",
	"Staff KPI",
	"Emulation Leaderboard",
)
LABELS = """() => [...document.querySelectorAll(
	'.page-title .title-text, .widget-title, .ward-rate-label, .ward-rate-parts, .ward-rates-rank, '
	+ '.dt-cell--header .dt-cell__content, .page-form .frappe-control label, .page-form input[placeholder], '
	+ '.chart-legend .legend-dataset-text, .report-summary .summary-label, .layout-main-section .control-label'
)].filter((el) => el.offsetParent !== null)
 .map((el) => (el.getAttribute('placeholder') || el.innerText || '').trim()).filter(Boolean)"""


def english_sources() -> set[str]:
	with open(VI_CSV, encoding="utf-8", newline="") as f:
		return {row[0] for row in csv.reader(f) if row and row[0] != row[1]}


@pytest.fixture(scope="module")
def leader(site, committed_user_module):
	from dossier_factory import new_dossier, remove_committed_records
	from frappe.model.workflow import apply_workflow

	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR
	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	remove_committed_records([WARD, PROVINCE])
	for code, name, kind, parent in (
		(PROVINCE, "_Test Tỉnh Báo Cáo", "Province", None),
		(WARD, "_Test Phường Báo Cáo", "Ward", PROVINCE),
	):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": name,
				"unit_code": code,
				"unit_type": kind,
				"is_group": int(kind == "Province"),
				"parent_administrative_unit": parent,
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert()
	procedure = get_effective_procedure("2.000815")
	for number in range(4):
		doc = new_dossier(procedure, unit=WARD).insert()
		if number < 2:
			for action in ("Start Processing", "Submit for Signature", "Resolve"):
				doc = apply_workflow(frappe.get_doc("Dossier", doc.name), action)
	email = committed_user_module("_leader.reports@example.vn", "Ward Leader", PASSWORD, unit=WARD)
	frappe.db.set_value("User", email, "language", "vi")
	frappe.db.commit()
	yield email
	remove_committed_records([WARD, PROVINCE])


def test_the_leader_reads_every_workspace_and_report_in_vietnamese(desk_url, browser, leader, artifacts):
	english = english_sources()
	page = browser.new_page(viewport={"width": 1440, "height": 1100})
	errors = watch_errors(page)
	untranslated = {}
	cards = tooltip = ""
	try:
		log_in(page, desk_url, leader, PASSWORD)
		# a leader lands on the indicators, with the ward's modules in the sidebar, not ERPNext's
		page.wait_for_url("**/app/service-indicators", timeout=60_000)
		sidebar = page.evaluate("() => frappe.boot.allowed_workspaces.map((w) => w.name)")
		for workspace in WORKSPACES:
			page.goto(f"{desk_url}/app/{workspace}")
			page.wait_for_selector(".layout-main-section .widget", timeout=60_000)
			page.wait_for_selector(".workspace-skeleton", state="detached", timeout=60_000)
			if workspace == "service-indicators":
				page.wait_for_selector(".ward-rate", timeout=30_000)
				page.wait_for_selector(".chart-container svg", timeout=30_000)
				cards = page.inner_text(".ward-rates")
				# the outbox's card: the messages of the leader's ward not delivered (a number, no link)
				page.wait_for_function(
					"""() => [...document.querySelectorAll('.number-widget-box')].some((w) =>
						w.textContent.includes('Tin chưa gửi được') && /\\d/.test(w.querySelector('.number')?.textContent || ''))""",
					timeout=30_000,
				)
				# the monthly chart is drawn with this month's 100% on time (its y axis reaches 100)
				page.wait_for_function(
					"""() => [...document.querySelectorAll('.chart-container svg .y.axis text')]
						.some((t) => Number(t.textContent.replace(/[^0-9]/g, '')) >= 100)""",
					timeout=30_000,
				)
				# month labels whole (Frappe Charts cuts a label longer than its share of the width),
				# and so are the legends ("Tỷ lệ thanh toán trực tuyến", not "Tỷ lệ thanh toá…")
				assert not page.evaluate(
					"""() => [...document.querySelectorAll(
							'.chart-container svg .x.axis text, .chart-container svg .legend-dataset-label')]
						.some((t) => t.textContent.includes('...') || t.textContent.includes('…'))"""
				)
				# this month's point, under the pointer, says what the card says, in the site's format
				chart = page.locator(".chart-container").first
				box = chart.bounding_box()
				page.wait_for_timeout(1500)  # the line animates in from zero
				page.mouse.move(box["x"] + box["width"] - 40, box["y"] + box["height"] / 2)
				page.wait_for_function(
					"() => getComputedStyle(document.querySelector('.graph-svg-tip')).opacity === '1'",
					timeout=10_000,
				)
				tooltip = page.inner_text(".graph-svg-tip")
			page.wait_for_load_state("networkidle")
			page.wait_for_timeout(1000)  # widgets fade in and charts animate: keep the drawn page
			page.screenshot(path=str(artifacts / f"leader-workspace-{workspace}.png"), full_page=True)
			untranslated[workspace] = [label for label in page.evaluate(LABELS) if label in english]
		for report in REPORTS:
			page.goto(f"{desk_url}/app/query-report/{report}")
			# its table, or Frappe's "nothing to show" when the reader's units have no such records
			page.wait_for_function(
				"""() => document.querySelector('.dt-cell--header')
					|| document.querySelector('.layout-main-section').innerText.includes('Không có gì để hiển thị')""",
				timeout=60_000,
			)
			page.wait_for_load_state("networkidle")
			page.screenshot(path=str(artifacts / f"leader-report-{frappe.scrub(report)}.png"), full_page=True)
			untranslated[report] = [label for label in page.evaluate(LABELS) if label in english]
			if report == "Service Index":  # percentages in the site's number format, not JavaScript's
				table = page.inner_text(".dt-scrollable")
				assert "100,00%" in table and not re.search(r"\d\.\d+%", table), table
			if report == "Dossier Register":  # form 07's print, in Vietnamese
				page.wait_for_selector("button:has-text('In sổ theo dõi (mẫu 07)')", timeout=10_000)
		# drill-down: the ward's name in the Service Index re-runs it for the ward, by procedure field
		page.goto(f"{desk_url}/app/query-report/Service Index")
		page.wait_for_selector("a[data-drill-unit]", timeout=60_000)
		page.click("a[data-drill-unit]")
		page.wait_for_function(
			f"""() => frappe.query_report.get_filter_value('administrative_unit') === '{WARD}'
				&& frappe.query_report.columns.some((c) => c.fieldname === 'procedure_field')
				&& document.querySelector('.dt-cell--header')""",
			timeout=60_000,
		)
		page.wait_for_load_state("networkidle")
		page.wait_for_timeout(1000)
		page.screenshot(path=str(artifacts / "leader-report-service_index-ward.png"), full_page=True)
		drilled = page.evaluate("() => frappe.query_report.data.map((row) => row.received)")
		untranslated["Service Index (ward)"] = [label for label in page.evaluate(LABELS) if label in english]
		# Unit Ranking's unit names open the same ward level
		page.goto(f"{desk_url}/app/query-report/Unit Ranking")
		page.wait_for_selector("a[href*='query-report/Service']", timeout=60_000)
		page.click("a[href*='query-report/Service']")
		page.wait_for_function(
			"""() => frappe.get_route()[1] === 'Service Index'
				&& frappe.query_report.columns.some((c) => c.fieldname === 'procedure_field')""",
			timeout=60_000,
		)
	finally:
		page.screenshot(path=str(artifacts / "leader-reports-last.png"), full_page=True)
		page.close()

	assert errors == [], errors
	assert "100,00%" in tooltip and not re.search(r"\d\.\d", tooltip), tooltip
	assert {"Service Indicators", "One-Stop Shop", "Emulation"} <= set(sidebar)
	assert not set(sidebar) & {
		"Accounting",
		"CRM",
		"Buying",
		"Selling",
		"Stock",
		"Quality",
		"Support",
		"Website",
		"Home",
		"ERPNext Settings",
		"Users",
		"Build",
		"Tools",
	}
	assert {page: labels for page, labels in untranslated.items() if labels} == {}
	assert sum(drilled) == 4  # the ward's four dossiers, in their procedure field
	# the cards are the leader's ward's: 4 received over the counter, 2 resolved on time
	assert "Tỷ lệ giải quyết trước hạn, đúng hạn" in cards or "Tỷ lệ" in cards
	assert "2 / " in cards and "100%" in cards.replace(",00", "")
