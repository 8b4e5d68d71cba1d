"""Routing without code and the specialist's worklist (issue 23), in Debian's chromium, in Vietnamese.

- A ward's admin routes the "Hộ tịch" field to two specialists in the Dossier Routing form,
  choosing from lists and typing no condition; the generated Assignment Rule reads as such, in
  Vietnamese; new dossiers of the field then alternate between the two specialists.
- The specialist's shortcut "Hồ sơ được giao cho tôi" counts the dossiers they hold and lands on
  the Dossier list (not on the to-do list): their dossiers, oldest due first, each with its clock;
  the draft awaiting the leader's signature is not there.
"""

import re

import frappe
import pytest
from desk import log_in, watch_errors

PROVINCE, WARD = "999.23.10.H99", "999.23.11.H99"
PASSWORD = "Routing-Desk-2026!"
PROCEDURE_CODE = "9.999233"
ADMIN = "_routedesk.quantri@example.vn"
FIRST, SECOND = "_routedesk.hoa@example.vn", "_routedesk.lan@example.vn"
# English or Frappe's own Vietnamese that read badly on these screens before
FORBIDDEN = ("Round Robin", "Vòng Robin", "All Days", "Load Balancing", "Assign Condition", "ToDo", "Giao By")


def _cleanup() -> None:
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	for name in frappe.get_all(
		"Dossier Routing", filters={"administrative_unit": ("in", (PROVINCE, WARD))}, pluck="name"
	):
		frappe.delete_doc("Dossier Routing", name, force=True, ignore_permissions=True)
	frappe.db.delete("ToDo", {"allocated_to": ("in", (ADMIN, FIRST, SECOND))})
	frappe.db.commit()
	remove_committed_records([WARD], [PROCEDURE_CODE])
	frappe.db.delete("Administrative Unit", {"name": PROVINCE})
	frappe.db.commit()


@pytest.fixture(scope="module")
def ward(site, committed_user_module):
	from dossier_factory import make_procedure

	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

	_cleanup()
	for code, name, kind, parent in (
		(PROVINCE, "_Test Tỉnh Định Tuyến", "Province", None),
		(WARD, "_Test Phường Định Tuyến", "Ward", PROVINCE),
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
	procedure = make_procedure(PROCEDURE_CODE)  # a civil-status ("Hộ tịch") procedure
	committed_user_module(ADMIN, "Ward Admin", PASSWORD, unit=WARD)
	for user, first_name in ((FIRST, "Nguyễn Thị Hoa"), (SECOND, "Trần Thị Lan")):
		committed_user_module(user, "Specialist", PASSWORD, unit=WARD)
		frappe.db.set_value("User", user, {"first_name": first_name, "full_name": first_name})
	for user in (ADMIN, FIRST, SECOND):
		frappe.db.set_value("User", user, "language", "vi")
	frappe.db.commit()
	yield frappe._dict(procedure=procedure)
	_cleanup()


def english_on(page) -> list[str]:
	text = page.evaluate("() => document.body.innerText")
	return [word for word in FORBIDDEN if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text)]


def pick(page, fieldname: str, text: str, option: str) -> None:
	"""Type into a link or multi-select field and click the option that shows `option`, as a
	user does: the list must show it first."""
	control = f'.frappe-control[data-fieldname="{fieldname}"]'
	field = page.locator(f"{control} input:visible").first
	field.click()
	field.press_sequentially(text, delay=60)
	choice = page.locator(f'{control} [role="option"]', has_text=option).first
	choice.wait_for(timeout=30_000)
	# the desk checks the choice on the server, then sets it in the form and redraws the field;
	# the redraw takes whatever text is in the box as one more value, so the next one is typed
	# once the choice is set (counted by a listener of the form's model)
	page.evaluate(
		"""(fieldname) => {
			window.__set = window.__set || {};
			if (window.__set[fieldname] === undefined) {
				frappe.model.on(cur_frm.doctype, fieldname, () => { window.__set[fieldname] += 1; });
			}
			window.__set[fieldname] = 0;
		}""",
		fieldname,
	)
	choice.click()
	page.wait_for_function("(fieldname) => window.__set[fieldname] > 0", arg=fieldname, timeout=60_000)
	page.wait_for_timeout(300)


def picked(page, fieldname: str, count: int) -> None:
	"""The multi-select holds `count` valid rows (Frappe checks each value on the server)."""
	try:
		page.wait_for_function(
			"([fieldname, count]) => (cur_frm.doc[fieldname] || []).length === count",
			arg=[fieldname, count],
			timeout=30_000,
		)
	except Exception:
		state = page.evaluate("(f) => JSON.stringify(cur_frm.doc[f])", fieldname)
		raise AssertionError(f"{fieldname}: {state}")
	# the list the field opens again for another choice is closed, as a person moving on would
	page.keyboard.press("Escape")


def start_processing(procedure: str) -> str:
	from dossier_factory import new_dossier
	from frappe.model.workflow import apply_workflow

	doc = new_dossier(procedure, unit=WARD).insert()
	apply_workflow(frappe.get_doc("Dossier", doc.name), "Start Processing")
	return doc.name


def test_the_ward_admin_routes_a_field_to_two_specialists_without_a_condition(
	desk_url, browser, ward, artifacts
):
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	english = []
	try:
		log_in(page, desk_url, ADMIN, PASSWORD)
		page.goto(f"{desk_url}/app/dossier-routing/new")
		page.wait_for_selector('.frappe-control[data-fieldname="administrative_unit"] input', timeout=60_000)
		# the admin's own unit comes filled in (their default); they may still choose another
		page.wait_for_function("(ward) => cur_frm.doc.administrative_unit === ward", arg=WARD, timeout=30_000)
		pick(page, "procedure_fields", "Hộ tịch", "Hộ tịch")
		picked(page, "procedure_fields", 1)
		pick(page, "users", "Nguyễn Thị Hoa", "Nguyễn Thị Hoa")
		picked(page, "users", 1)
		pick(page, "users", "Trần Thị Lan", "Trần Thị Lan")
		picked(page, "users", 2)
		# nothing to type but choices: no code editor anywhere on the form
		assert page.locator(".frappe-control[data-fieldtype='Code']:visible").count() == 0
		assert page.locator('.frappe-control[data-fieldname="rule"] select').input_value() == "Round Robin"
		page.keyboard.press("Control+s")
		page.wait_for_function(
			"() => cur_frm && !cur_frm.is_new() && cur_frm.doc.assignment_rule", timeout=60_000
		)
		page.wait_for_load_state("networkidle")
		english += english_on(page)
		page.screenshot(path=str(artifacts / "routing-form-after.png"), full_page=True)
		routing = page.evaluate("() => cur_frm.doc.name")

		# the generated rule reads as the routing's, in Vietnamese
		page.locator("button:visible", has_text="Quy tắc phân công").first.click()
		page.wait_for_function("() => cur_frm && cur_frm.doctype === 'Assignment Rule'", timeout=60_000)
		page.wait_for_selector(
			".form-message:has-text('Quy tắc này được tạo từ phân công hồ sơ')", timeout=30_000
		)
		page.wait_for_load_state("networkidle")
		english += english_on(page)
		assert "Lần lượt từng người" in page.evaluate("() => document.body.innerText")
		page.screenshot(path=str(artifacts / "assignment-rule-generated-after.png"), full_page=True)
	finally:
		page.screenshot(path=str(artifacts / "routing-last.png"), full_page=True)
		page.close()
	assert errors == [], errors
	assert english == [], english

	frappe.db.rollback()
	rule = frappe.get_doc(
		"Assignment Rule", frappe.db.get_value("Dossier Routing", routing, "assignment_rule")
	)
	assert [row.user for row in rule.users] == [FIRST, SECOND]
	assert rule.assign_condition == (
		f"administrative_unit in {[WARD]!r} and (status_code == 4 and procedure_field in ['Hộ tịch'])"
	)
	# new dossiers alternate between the two specialists (rolled back afterwards)
	names = [start_processing(ward.procedure) for _ in range(4)]
	got = [frappe.parse_json(frappe.db.get_value("Dossier", name, "_assign")) for name in names]
	frappe.db.rollback()
	assert got == [[FIRST], [SECOND], [FIRST], [SECOND]]


@pytest.fixture
def held(ward):
	"""FIRST holds two dossiers being processed and one awaiting the leader's signature."""
	from frappe.desk.form.assign_to import add as assign
	from frappe.model.workflow import apply_workflow
	from frappe.utils import add_to_date, now_datetime

	names = [start_processing(ward.procedure) for _ in range(2)]
	signing = start_processing(ward.procedure)
	for name in (*names, signing):
		assign({"doctype": "Dossier", "name": name, "assign_to": [FIRST]})
	apply_workflow(frappe.get_doc("Dossier", signing), "Submit for Signature")
	# the one received first is due last (a longer procedure): the list orders by due time
	for name, days in ((names[0], 3), (names[1], 1), (signing, 2)):
		frappe.db.set_value("Dossier", name, "due_at", add_to_date(now_datetime(), days=days))
	frappe.db.commit()
	yield frappe._dict(later=names[0], sooner=names[1], signing=signing)
	frappe.db.rollback()
	for name in (*names, signing):
		frappe.delete_doc("Dossier", name, force=True, ignore_permissions=True)
	frappe.db.commit()


def test_the_specialist_s_shortcut_lands_on_their_dossiers_with_clocks(desk_url, browser, held, artifacts):
	page = browser.new_page(viewport={"width": 1366, "height": 1000})
	errors = watch_errors(page)
	english = []
	try:
		log_in(page, desk_url, FIRST, PASSWORD)
		page.goto(f"{desk_url}/app/one-stop-shop")
		shortcut = page.locator(".shortcut-widget-box", has_text="Hồ sơ được giao cho tôi")
		shortcut.locator(".indicator-pill", has_text="2 hồ sơ").wait_for(timeout=60_000)
		page.screenshot(path=str(artifacts / "worklist-workspace-after.png"), full_page=True)
		shortcut.click()
		page.wait_for_url("**/app/dossier**", timeout=60_000)
		assert "/app/todo" not in page.url
		page.wait_for_selector(".dossier-clock", timeout=60_000)
		page.wait_for_load_state("networkidle")
		rows = page.locator(".list-row-container .list-row-checkbox").evaluate_all(
			"(boxes) => boxes.map((box) => box.dataset.name)"
		)
		assert rows == [held.sooner, held.later], rows  # soonest due first; not the draft at signature
		assert page.locator(".list-row-container .dossier-clock").count() == 2
		english += english_on(page)
		page.screenshot(path=str(artifacts / "worklist-after.png"), full_page=True)
	finally:
		page.screenshot(path=str(artifacts / "worklist-last.png"), full_page=True)
		page.close()
	assert errors == [], errors
	assert english == [], english
