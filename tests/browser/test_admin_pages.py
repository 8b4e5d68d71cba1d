"""The province's Ward Admin opens the tools that reshape the one-stop shop, behind the guard.

The Dossier workflow (its states, their national codes, its actions, its visual builder), assignment rules,
notifications and print formats: each page loads with no request refused and no script error,
the workflow form shows the Status Code column, and a notification is saved from the desk.
The leader opens their worklist of dossiers awaiting a signature.
"""

import frappe
import pytest
from desk import log_in, watch_failures

UNIT = "999.71.00.S99"  # a top-level unit: its admin is the province's
PASSWORD = "Admin-Tools-2026!"
PROCEDURE = "9.999710"

PAGES = (
	"/app/workflow/Dossier",
	"/app/workflow-state",
	"/app/workflow-state/new",
	"/app/workflow-action-master",
	"/app/assignment-rule",
	"/app/dossier-routing/new",
	"/app/notification",
	"/app/notification/new",
	"/app/print-format",
	"/app/print-format/new",
	"/app/print-format-builder-beta",
)


@pytest.fixture
def province(site):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records

	remove_committed_records([UNIT], [PROCEDURE])
	frappe.db.delete("Notification", {"name": ("like", "_Test trình duyệt%")})
	make_ward(UNIT, "_Test Tỉnh Công Cụ")
	procedure = make_procedure(PROCEDURE)
	name = new_dossier(procedure, unit=UNIT).insert().name
	from frappe.model.workflow import apply_workflow

	for action in ("Start Processing", "Submit for Signature"):  # the draft waits for the leader
		apply_workflow(frappe.get_doc("Dossier", name), action)
	frappe.db.commit()
	yield name
	frappe.db.rollback()
	for notification in frappe.get_all(
		"Notification", filters={"name": ("like", "_Test trình duyệt%")}, pluck="name"
	):
		frappe.delete_doc("Notification", notification, force=True, ignore_permissions=True)
	frappe.db.commit()
	remove_committed_records([UNIT], [PROCEDURE])


def test_the_province_admin_opens_every_tool(desk_url, browser, committed_user, province, artifacts):
	admin = committed_user("_tools.quantri@example.vn", "Ward Admin", PASSWORD, unit=UNIT)
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	failures = watch_failures(page, desk_url)
	try:
		log_in(page, desk_url, admin, PASSWORD)
		for route in PAGES:
			page.goto(f"{desk_url}{route}")
			page.wait_for_load_state("networkidle", timeout=60_000)
			assert "not-permitted" not in page.url and "Not Permitted" not in page.title(), route
			if route == "/app/workflow/Dossier":
				page.wait_for_function("() => cur_frm && cur_frm.doc.name === 'Dossier'", timeout=60_000)
				codes = page.evaluate("() => cur_frm.doc.states.map((row) => row.status_code)")
				assert len(codes) >= 10 and all(1 <= code <= 10 for code in codes)
				page.screenshot(path=str(artifacts / "admin-tools-workflow.png"), full_page=True)
		saved = page.evaluate(
			"""() => frappe.xcall("frappe.client.insert", {doc: {
				doctype: "Notification",
				name: "_Test trình duyệt kết quả",
				subject: "Hồ sơ {{ doc.name }} đã có kết quả",
				document_type: "Dossier",
				event: "Value Change",
				value_changed: "status",
				channel: "System Notification",
				condition: "doc.status_code == 9",
				message: "Hồ sơ {{ doc.name }} đã có kết quả.",
				recipients: [{receiver_by_role: "One-Stop Officer"}],
			}}).then((doc) => doc.name, (error) => `refused: ${JSON.stringify(error)} ${frappe.last_response ? JSON.stringify(frappe.last_response) : ""}`)"""
		)
		assert saved == "_Test trình duyệt kết quả"

		# the visual workflow builder opens to the province's admin; a state's panel keeps its code
		page.goto(f"{desk_url}/app/workflow-builder/Dossier")
		page.wait_for_selector(".vue-flow__node-state", timeout=60_000)
		page.locator(".vue-flow__node-state").first.click()
		code = page.locator('.properties [data-fieldname="status_code"] input')
		code.wait_for(timeout=30_000)
		assert code.input_value().isdigit() and code.is_editable()
		page.screenshot(path=str(artifacts / "admin-tools-workflow-builder.png"), full_page=True)
	finally:
		page.screenshot(path=str(artifacts / "admin-tools-last-page.png"), full_page=True)
		page.close()
	assert failures == [], "\n".join(failures)


def test_the_leader_opens_the_worklist(desk_url, browser, committed_user, province, artifacts):
	"""The draft submitted for signature is on the leader's worklist."""
	leader = committed_user("_tools.lanhdao@example.vn", "Ward Leader", PASSWORD, unit=UNIT)
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	failures = watch_failures(page, desk_url)
	try:
		log_in(page, desk_url, leader, PASSWORD)
		page.goto(f"{desk_url}/app/query-report/Dossiers to Sign")
		page.wait_for_load_state("networkidle", timeout=60_000)
		page.wait_for_selector(f".dt-scrollable >> text={province}", timeout=60_000)
	finally:
		page.screenshot(path=str(artifacts / "leader-dossiers-to-sign.png"), full_page=True)
		page.close()
	assert failures == [], "\n".join(failures)
