"""The desk's everyday features still work for ward staff behind the deny-by-default guard.

ward_admin.permissions.requests lets staff reach only the methods the desk needs: this test
uses the features a ward's staff use (lists and their sidebars, report view, the form with its
comments, assignments, tags, shares, follows and attachments, workflow actions, link searches,
the awesome bar, printing, the unit tree, notifications) and fails on any request the desk
makes that answers an error. A feature that needs a new method shows up here first.
"""

import frappe
import pytest
from desk import log_in, watch_failures

UNIT = "999.70.01.H99"
PASSWORD = "Guard-Test-2026!"
PROCEDURE = "9.999700"


@pytest.fixture
def ward(site):
	from dossier_factory import make_procedure, make_ward, new_dossier, remove_committed_records

	remove_committed_records([UNIT], [PROCEDURE])
	make_ward(UNIT, "_Test Phường Desk")
	procedure = make_procedure(PROCEDURE)
	name = new_dossier(procedure, unit=UNIT).insert().name
	frappe.db.commit()
	yield name
	remove_committed_records([UNIT], [PROCEDURE])


def visit(page, desk_url, route, wait="networkidle"):
	page.goto(f"{desk_url}{route}")
	page.wait_for_load_state(wait, timeout=60_000)


def xcall(page, method, args):
	return page.evaluate("([m, a]) => frappe.xcall(m, a)", [method, args])


def test_the_officers_desk(desk_url, browser, committed_user, ward, artifacts):
	officer = committed_user("_guard.motcua@example.vn", "One-Stop Officer", PASSWORD, unit=UNIT)
	specialist = committed_user("_guard.hotich@example.vn", "Specialist", PASSWORD, unit=UNIT)
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	failures = watch_failures(page, desk_url)
	try:
		log_in(page, desk_url, officer, PASSWORD)
		visit(page, desk_url, "/app/one-stop-shop")
		visit(page, desk_url, "/app/dossier")
		# the sidebar's "Assigned To" and "Created By" counts, and a group-by on a field
		for field in ("assigned_to", "owner", "status"):
			xcall(
				page,
				"frappe.desk.listview.get_group_by_count",
				{"doctype": "Dossier", "current_filters": "[]", "field": field},
			)
		visit(page, desk_url, "/app/dossier/view/report")
		visit(page, desk_url, f"/app/dossier/{ward}")
		page.wait_for_function("() => cur_frm && cur_frm.doc.name", timeout=60_000)

		xcall(
			page,
			"frappe.desk.form.utils.add_comment",
			{
				"reference_doctype": "Dossier",
				"reference_name": ward,
				"content": "Đã gọi điện cho công dân",
				"comment_email": officer,
				"comment_by": "Cán bộ một cửa",
			},
		)
		xcall(
			page,
			"frappe.desk.form.assign_to.add",
			{"doctype": "Dossier", "name": ward, "assign_to": [specialist]},
		)
		xcall(page, "frappe.desk.doctype.tag.tag.add_tag", {"tag": "ưu tiên", "dt": "Dossier", "dn": ward})
		xcall(page, "frappe.share.add", {"doctype": "Dossier", "name": ward, "user": specialist, "read": 1})
		xcall(
			page,
			"frappe.desk.form.document_follow.update_follow",
			{"doctype": "Dossier", "doc_name": ward, "following": 1},
		)
		status = page.evaluate(
			"""async (name) => {
				const form = new FormData();
				form.append("file", new Blob(["bản chụp giấy tờ"], {type: "text/plain"}), "giay-to.txt");
				form.append("doctype", "Dossier");
				form.append("docname", name);
				form.append("is_private", 1);
				const r = await fetch("/api/method/upload_file", {
					method: "POST", body: form, headers: {"X-Frappe-CSRF-Token": frappe.csrf_token},
				});
				return r.status;
			}""",
			ward,
		)
		assert status == 200
		page.reload()
		page.wait_for_function("() => cur_frm && cur_frm.doc.name", timeout=60_000)
		page.wait_for_load_state("networkidle")
		xcall(page, "frappe.model.workflow.get_transitions", {"doc": page.evaluate("() => cur_frm.doc")})

		# a link search and the awesome bar
		visit(page, desk_url, "/app/dossier/new")
		page.wait_for_selector('[data-fieldname="procedure"] input', timeout=60_000)
		page.click('[data-fieldname="procedure"] input')
		page.keyboard.type("9.9997")
		page.wait_for_timeout(1500)
		page.click("#navbar-search")
		page.keyboard.type(ward[:10])
		page.wait_for_timeout(1500)

		for print_format in frappe.get_all("Print Format", filters={"doc_type": "Dossier"}, pluck="name")[:3]:
			visit(page, desk_url, f"/app/print/Dossier/{ward}?format={print_format}", wait="load")
			page.wait_for_selector(".print-preview-wrapper iframe", timeout=60_000)
			page.wait_for_timeout(2000)  # the preview renders inside the frame
		visit(page, desk_url, "/app/administrative-unit/view/tree")
		visit(page, desk_url, "/app/working-calendar")
		page.click(".notifications-icon", timeout=10_000)
		page.wait_for_load_state("networkidle")
	finally:
		page.screenshot(path=str(artifacts / "desk-behind-the-guard-officer.png"), full_page=True)
		page.close()
	assert failures == [], "\n".join(failures)


def test_the_inspectors_desk(desk_url, browser, committed_user, ward, artifacts):
	inspector = committed_user("_guard.thanhtra@example.vn", "Inspector", PASSWORD, unit=UNIT)
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	failures = watch_failures(page, desk_url)
	try:
		log_in(page, desk_url, inspector, PASSWORD)
		for route in (
			"/app/one-stop-shop",
			"/app/dossier",
			"/app/dossier/view/report",
			f"/app/dossier/{ward}",
		):
			visit(page, desk_url, route)
		visit(page, desk_url, f"/app/print/Dossier/{ward}", wait="load")
		page.wait_for_selector(".print-preview-wrapper iframe", timeout=60_000)
		page.wait_for_timeout(2000)
	finally:
		page.screenshot(path=str(artifacts / "desk-behind-the-guard-inspector.png"), full_page=True)
		page.close()
	assert failures == [], "\n".join(failures)
