"""Every screen of the app, opened in Debian's chromium as each role that may open it.

For each staff role of a ward of its own (an officer, a specialist, the leader, the ward's and the
province's admin, the emulation officer, the inspector, and another ward's officer), the sweep
opens every doctype of the app the role may read (the list, a new form where the role may create,
an existing record), every report of the app with its default filters, every workspace and every
print format, and, for the admins, the desk tools that reshape the process (Workflow, its builder,
Assignment Rule, Notification, Print Format). The screens a role may open are asked of Frappe, not
listed here, so a new doctype, report or print format joins the sweep by itself.

A screen fails on
- a page error (an uncaught exception, a console error) or a request answered 4xx/5xx;
- a visible English word (tests/screens.py: the rule and its short allow-list);
- a number formatted for another language ("0.41", "500.00", "100,000%").

Every failure of every screen is listed in one assertion, with a screenshot of the screen in
tests/artifacts/sweep/.
"""

import os
import time
from dataclasses import dataclass
from urllib.parse import quote

import frappe
import pytest
from desk import log_in
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from screens import english_words, foreign_numbers

PROVINCE = "999.96.00.S96"
WARD = "999.96.01.H96"
OTHER_WARD = "999.96.02.H96"
PASSWORD = "Sweep-Screens-2026!"
COMPANY = "UBND Phường Rà Soát"
CONTRACT = "2.001035"  # chứng thực hợp đồng: a fee, no internal process
CIVIL = "1.004873"  # xác nhận tình trạng hôn nhân: no fee, the civil-status process
STAFF = (
	# (e-mail, role, unit, first name, last name)
	("_sweep.motcua@example.vn", "One-Stop Officer", WARD, "Nguyễn Thị", "Mai"),
	("_sweep.hotich@example.vn", "Specialist", WARD, "Trần Văn", "Hùng"),
	("_sweep.chutich@example.vn", "Ward Leader", WARD, "Lê Quang", "Minh"),
	("_sweep.quantri@example.vn", "Ward Admin", WARD, "Phạm Thu", "Hà"),
	("_sweep.quantri.tinh@example.vn", "Ward Admin", PROVINCE, "Đỗ Văn", "Long"),
	("_sweep.thidua@example.vn", "Emulation Officer", WARD, "Vũ Thị", "Hạnh"),
	("_sweep.thanhtra@example.vn", "Inspector", WARD, "Hoàng Văn", "Nam"),
	("_sweep.motcua.khac@example.vn", "One-Stop Officer", OTHER_WARD, "Bùi Thị", "Lan"),
)
OFFICER, SPECIALIST, LEADER, WARD_ADMIN, PROVINCE_ADMIN, EMULATION, INSPECTOR, OTHER_OFFICER = (
	row[0] for row in STAFF
)
# Frappe's desk tools a Ward Admin reshapes the one-stop shop with (hooks.py admin_tool_doctypes)
# (Notification and Print Format stay Frappe's own forms, with their Jinja and HTML: not swept)
ADMIN_TOOLS = ("Workflow", "Workflow State", "Workflow Action Master", "Assignment Rule")

SETTLED = """() => new Promise((resolve) => {
	let quiet = 0;
	const tick = () => {
		const busy = frappe.request.ajax_count || document.querySelector('.frappe-list .list-loading:not(.hide)')
			|| document.querySelector('.page-container:not([style*="none"]) .report-wrapper .progress');
		quiet = busy ? 0 : quiet + 1;
		quiet >= 2 ? resolve() : setTimeout(tick, 100);
	};
	tick();
})"""

# The text a reader sees on the current page: visible text nodes (not clipped screen-reader text,
# not options of closed selects, not code (samples in help texts, a Code field such as an emulation
# period's score formula), not avatars' initials) and visible placeholders.
VISIBLE_TEXT = """(selector) => {
	const root = selector ? document.querySelector(selector) : frappe.container.page;
	if (!root) return '';
	const seen = new Map();
	const visible = (el) => {
		if (seen.has(el)) return seen.get(el);
		let shown = el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
		if (shown) {
			const box = el.getBoundingClientRect();
			shown = box.width > 2 && box.height > 2;
		}
		for (let up = el; shown && up && up !== root.parentElement; up = up.parentElement) {
			const style = getComputedStyle(up);
			if ((style.clip && style.clip !== 'auto') || (style.clipPath && style.clipPath !== 'none')
				|| up.matches('.avatar, code, pre, .ace_editor, .CodeMirror, [data-fieldtype="Code"]')) shown = false;
		}
		seen.set(el, shown);
		return shown;
	};
	const texts = [];
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const text = node.nodeValue.trim();
		const el = node.parentElement;
		if (!text || !el || ['SCRIPT', 'STYLE', 'OPTION', 'SELECT', 'TEXTAREA', 'NOSCRIPT'].includes(el.tagName)) continue;
		if (visible(el)) texts.push(text);
	}
	root.querySelectorAll('input:not([type=hidden]), textarea').forEach((input) => {
		if (input.placeholder && visible(input)) texts.push(input.placeholder);
	});
	return texts.join('\\n');
}"""


class ScreenDidNotOpen(Exception):
	"""The desk did not show the screen within 20 seconds."""


@dataclass(frozen=True)
class Screen:
	kind: str  # list, new, form, report, workspace, print, tool
	route: str
	allowed_status: tuple[int, ...] = ()  # a refusal the screen is about
	refused: bool = False  # the desk refuses it: its message is what the reader sees

	@property
	def is_page(self) -> bool:
		return self.kind == "print"


def slug(doctype: str) -> str:
	return frappe.scrub(doctype).replace("_", "-")


def app_modules() -> list[str]:
	return frappe.get_all("Module Def", filters={"app_name": "ward_admin"}, pluck="name")


def doctype_screens(doctypes, user: str) -> list[Screen]:
	screens = []
	for doctype in doctypes:
		meta = frappe.get_meta(doctype)
		if not frappe.has_permission(doctype, "read", user=user) or doctype not in readable_in_desk(user):
			continue
		if meta.issingle:
			# a single's record may be closed to some who read the doctype (the province's
			# connections to outside systems are its admins' only): ask of the record itself
			if frappe.has_permission(doctype, "read", doc=doctype, user=user):
				screens.append(Screen("form", f"/app/{slug(doctype)}"))
			continue
		screens.append(Screen("list", f"/app/{slug(doctype)}"))
		if frappe.has_permission(doctype, "create", user=user) and not meta.in_create:
			screens.append(Screen("new", f"/app/{slug(doctype)}/new"))
		for name in frappe.get_list(doctype, pluck="name", order_by="modified desc", limit=1):
			screens.append(Screen("form", f"/app/{slug(doctype)}/{quote(str(name), safe='')}"))
	return screens


def readable_in_desk(user: str) -> set[str]:
	"""The doctypes the desk lets the user open (what Frappe's boot sends as `can_read`)."""
	from frappe.utils.user import UserPermissions

	return set(UserPermissions(user).get_can_read())


def screens_for(user: str) -> list[Screen]:
	"""The screens of the app `user` may open, asked of Frappe as that user."""
	from frappe.desk.desktop import Workspace

	modules = app_modules()
	frappe.set_user(user)
	try:
		doctypes = frappe.get_all("DocType", filters={"module": ("in", modules), "istable": 0}, pluck="name")
		screens = doctype_screens(sorted(doctypes), user)
		if "Ward Admin" in frappe.get_roles(user):
			screens += doctype_screens(ADMIN_TOOLS, user)
			if frappe.has_permission("Workflow", "write", doc="Dossier", user=user):
				screens.append(Screen("tool", "/app/workflow-builder/Dossier"))
		for report in frappe.get_all(
			"Report", filters={"module": ("in", modules)}, pluck="name", order_by="name"
		):
			if frappe.get_doc("Report", report).is_permitted():
				screens.append(Screen("report", f"/app/query-report/{quote(report)}"))
		for workspace in frappe.get_all("Workspace", filters={"module": ("in", modules)}, pluck="name"):
			try:
				if Workspace({"name": workspace, "title": workspace}, minimal=True).is_permitted():
					screens.append(Screen("workspace", f"/app/{slug(workspace)}"))
			except frappe.PermissionError:
				pass
		for print_format in frappe.get_all(
			"Print Format",
			filters={"module": ("in", modules), "disabled": 0},
			fields=["name", "doc_type"],
			order_by="name",
		):
			if not frappe.has_permission(print_format.doc_type, "print", user=user):
				continue
			for name in frappe.get_list(
				print_format.doc_type, pluck="name", order_by="modified desc", limit=1
			):
				screens.append(
					Screen(
						"print",
						f"/printview?doctype={quote(print_format.doc_type)}&name={quote(str(name))}"
						f"&format={quote(print_format.name)}",
					)
				)
		return screens
	finally:
		frappe.set_user("Administrator")


# ---------------------------------------------------------------- the ward the sweep reads


def _cleanup() -> None:
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	units = (WARD, OTHER_WARD, PROVINCE)
	for doctype in ("Commendation", "Disciplinary Review", "Staff Period Score", "Emulation Point Entry"):
		frappe.db.delete(doctype, {"administrative_unit": ("in", units)})
	for period in frappe.get_all(
		"Emulation Period", filters={"administrative_unit": ("in", units)}, pluck="name"
	):
		frappe.db.delete("Emulation Period Log", {"parent": period})
		frappe.db.delete("Emulation Period", {"name": period})
	for snapshot in frappe.get_all(
		"Indicator Snapshot", filters={"administrative_unit": ("in", units)}, pluck="name"
	):
		frappe.db.delete("Indicator Snapshot Row", {"parent": snapshot})
		frappe.db.delete("Indicator Snapshot", {"name": snapshot})
	frappe.db.delete("Citizen Rating", {"administrative_unit": ("in", units)})
	frappe.db.delete("Service Index Daily", {"administrative_unit": ("in", units)})
	frappe.db.delete("Online Payment Log", {"transaction_id": ("like", "_SWEEP-%")})
	for rule in frappe.get_all(
		"Assignment Rule", filters={"administrative_unit": ("in", units)}, pluck="name"
	):
		frappe.delete_doc("Assignment Rule", rule, force=True, ignore_permissions=True)
	emails = [row[0] for row in STAFF]
	for employee in frappe.get_all("Employee", filters={"user_id": ("in", emails)}, pluck="name"):
		frappe.db.delete("User Permission", {"allow": "Employee", "for_value": employee})
		frappe.delete_doc("Employee", employee, force=True, ignore_permissions=True)
	frappe.db.delete("ToDo", {"allocated_to": ("in", emails)})
	for email in emails:
		if frappe.db.exists("User", email):
			frappe.db.delete("User Permission", {"user": email})
			frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	frappe.db.commit()
	remove_committed_records([WARD, OTHER_WARD, PROVINCE])
	from ward_admin.emulation import points

	points.clear_caches()


def _make_company() -> str:
	"""The ward's accounting entity, with a name staff would read (kept between runs: a company
	with ledger entries is not worth deleting for a test)."""
	from ward_admin.setup.fees import ensure_fee_settings

	if not frappe.db.exists("Company", COMPANY):
		frappe.get_doc(
			{
				"doctype": "Company",
				"company_name": COMPANY,
				"abbr": "RSW",
				"country": "Vietnam",
				"default_currency": "VND",
				"chart_of_accounts": "Standard",
			}
		).insert(ignore_permissions=True)
	ensure_fee_settings(COMPANY)
	return COMPANY


def _make_units() -> None:
	from ward_admin.setup.fees import ensure_receipt_symbol, set_payment_secret
	from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

	company = _make_company()
	for code, name, kind, parent in (
		(PROVINCE, "Tỉnh Rà Soát", "Province", None),
		(WARD, "Phường Rà Soát", "Ward", PROVINCE),
		(OTHER_WARD, "Phường Bên Cạnh", "Ward", PROVINCE),
	):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": name,
				"unit_code": code,
				"unit_type": kind,
				"is_group": int(kind == "Province"),
				"parent_administrative_unit": parent,
				"company": company if code == WARD else None,
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert(ignore_permissions=True)
	ensure_receipt_symbol(WARD, "RS")
	set_payment_secret(WARD, "sweep-secret")


def _make_staff() -> None:
	from dossier_factory import make_unit_user
	from frappe.utils.password import update_password

	for email, role, unit, first_name, last_name in STAFF:
		make_unit_user(email, role, unit)
		frappe.db.set_value(
			"User", email, {"first_name": first_name, "last_name": last_name, "language": "vi"}
		)
		update_password(email, PASSWORD)
		frappe.get_doc(
			{
				"doctype": "Employee",
				"first_name": first_name,
				"last_name": last_name,
				"gender": "Female",
				"date_of_birth": "1990-01-01",
				"date_of_joining": "2020-01-01",
				"company": COMPANY,
				"user_id": email,
				"status": "Active",
			}
		).insert(ignore_permissions=True)


def _as(user: str, action, *args, **kwargs):
	"""Run `action` as `user` would in a request: as them, in their language (Vietnamese)."""
	lang = frappe.local.lang
	frappe.set_user(user)
	frappe.local.lang = "vi"
	try:
		return action(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")
		frappe.local.lang = lang


def _dossier(code: str, name: str, channel: str = "Direct", **values) -> str:
	from dossier_factory import new_dossier

	from ward_admin.ward_setup.doctype.administrative_procedure.versions import get_effective_procedure

	procedure = get_effective_procedure(code, frappe.utils.now_datetime())
	doc = new_dossier(procedure, unit=WARD, channel=channel, applicant_name=name, **values)
	return _as(OFFICER, lambda: doc.insert().name)


def _act(name: str, user: str, *actions: str, **values) -> None:
	from frappe.model.workflow import apply_workflow

	def run():
		for action in actions:
			doc = frappe.get_doc("Dossier", name)
			if values:
				doc.update(values)
				doc.save()
			apply_workflow(doc, action)

	_as(user, run)


def _pay_cash(name: str) -> None:
	from ward_admin.fees.doctype.fee_receipt.fee_receipt import outstanding

	def run():
		dossier = frappe.get_doc("Dossier", name)
		receipt = frappe.get_doc(
			{
				"doctype": "Fee Receipt",
				"dossier": name,
				"amount": outstanding(name, dossier.fee_amount),
				"payment_channel": "Cash",
			}
		).insert()
		receipt.submit()

	_as(OFFICER, run)


def _pay_online(name: str) -> None:
	from ward_admin.fees.doctype.fee_receipt import online
	from ward_admin.services.receipts import sign

	dossier = frappe.get_doc("Dossier", name)
	fields = {
		"transaction_id": f"_SWEEP-{name}",
		"dossier": name,
		"amount": str(int(dossier.fee_amount)),
		"paid_at": frappe.utils.now_datetime().isoformat(timespec="seconds"),
	}
	online.receive({**fields, "signature": sign(fields, "sweep-secret")}, "127.0.0.1")


def _make_dossiers() -> None:
	"""A dossier in each state of the workflow, moved along by the staff whose work it is."""
	_dossier(CONTRACT, "Đinh Văn Tiếp")  # received
	_dossier(CIVIL, "Lý Thị Trực Tuyến", channel="Online", received_at=None)  # submitted online
	refused = _dossier(CIVIL, "Cao Văn Từ", channel="Online", received_at=None)
	_act(refused, OFFICER, "Refuse", refusal_reason="Hồ sơ không thuộc thẩm quyền của phường")
	processing = _dossier(CIVIL, "Mai Văn Xử")
	_act(processing, SPECIALIST, "Start Processing")
	supplement = _dossier(CIVIL, "Hồ Thị Bổ Sung")
	_act(supplement, SPECIALIST, "Start Processing")
	_act(supplement, SPECIALIST, "Request Supplement", supplement_request="Bản sao giấy khai sinh")
	payment = _dossier(CONTRACT, "Tạ Văn Phí")
	_act(payment, SPECIALIST, "Start Processing", "Request Payment")
	signing = _dossier(CIVIL, "Quách Thị Ký")
	_act(signing, SPECIALIST, "Start Processing", "Submit for Signature")
	resolved = _dossier(CONTRACT, "Kiều Văn Xong")
	_pay_online(resolved)
	_act(resolved, SPECIALIST, "Start Processing", "Submit for Signature")
	_act(resolved, LEADER, "Resolve")
	returned = _dossier(CONTRACT, "Lâm Thị Trả")
	_pay_cash(returned)
	_act(returned, SPECIALIST, "Start Processing", "Submit for Signature")
	_act(returned, LEADER, "Resolve")
	_act(returned, OFFICER, "Return Result")
	frappe.get_doc(
		{
			"doctype": "Citizen Rating",
			"dossier": returned,
			"rating": 5,
			"channel": "Counter",
			"comment": "Cán bộ hướng dẫn tận tình",
		}
	).insert(ignore_permissions=True)
	stopped = _dossier(CIVIL, "Ninh Văn Dừng")
	_act(stopped, SPECIALIST, "Start Processing")
	_as(
		SPECIALIST,
		lambda: frappe.get_doc("Dossier", stopped).update({"stop_reason": "Người nộp đề nghị dừng"}).save(),
	)
	_act(stopped, LEADER, "Stop")


def _make_emulation_and_snapshot() -> None:
	from frappe.utils import get_first_day, get_last_day, nowdate

	def close():
		period = frappe.get_doc(
			{
				"doctype": "Emulation Period",
				"administrative_unit": WARD,
				"period_type": "Month",
				"from_date": get_first_day(nowdate()),
				"to_date": get_last_day(nowdate()),
			}
		).insert()
		period.close_period()
		return period

	period = _as(EMULATION, close)
	scores = frappe.get_all(
		"Staff Period Score",
		filters={"emulation_period": period.name},
		fields=["name", "employee", "employee_name", "user", "final_score", "rating_level"],
		limit=1,
	)
	for doctype, values in (
		("Commendation", {"title": "Lao động tiên tiến"}),
		("Disciplinary Review", {"grounds": "Không hoàn thành nhiệm vụ được giao"}),
	):
		if not frappe.db.exists(doctype, {"emulation_period": period.name}) and scores:
			score = scores[0]
			proposal = frappe.get_doc(
				{
					"doctype": doctype,
					"employee": score.employee,
					"employee_name": score.employee_name,
					"user": score.user,
					"administrative_unit": WARD,
					"emulation_period": period.name,
					"staff_period_score": score.name,
					"final_score": score.final_score,
					"rating_level": score.rating_level,
					"status": "Proposed",
					**values,
				}
			)
			proposal.flags.from_period = True  # as closing the period proposes it
			proposal.insert(ignore_permissions=True)
	snapshot = frappe.get_doc(
		{
			"doctype": "Indicator Snapshot",
			"title": "Chỉ số phục vụ tháng này",
			"administrative_unit": PROVINCE,
			"from_date": get_first_day(nowdate()),
			"to_date": nowdate(),
		}
	)
	snapshot.insert(ignore_permissions=True)
	snapshot.submit()


@pytest.fixture(scope="module")
def sweep_ward(site):
	_cleanup()
	try:
		_make_units()
		_make_staff()
		_make_dossiers()
		_make_emulation_and_snapshot()
		frappe.db.commit()
		yield
	finally:
		_cleanup()


# ---------------------------------------------------------------- the sweep


def visit(page, desk_url: str, screen: Screen) -> str:
	if screen.is_page:
		page.goto(f"{desk_url}{screen.route}")
		page.wait_for_load_state("networkidle")
		return page.evaluate("() => document.body.innerText")
	if "/app" not in page.url:
		try:
			page.goto(f"{desk_url}/app")
			page.wait_for_function(
				"() => window.frappe && frappe.container && frappe.container.page", timeout=60_000
			)
		except PlaywrightTimeout:
			raise ScreenDidNotOpen(screen.route) from None
	from urllib.parse import unquote

	page.evaluate(
		"""(route) => {
			window.sweep_changed = false;
			$(document).one("page-change", () => (window.sweep_changed = true));
			frappe.set_route(route);
		}""",
		unquote(screen.route),
	)
	if screen.refused:
		page.wait_for_selector(".modal.show .modal-body", timeout=20_000)
		page.evaluate(SETTLED)
		text = page.evaluate(VISIBLE_TEXT, ".modal.show")
		page.keyboard.press("Escape")
		return text
	try:
		page.wait_for_function("() => window.sweep_changed", timeout=20_000)
	except PlaywrightTimeout:
		page.goto(f"{desk_url}/app/dossier")  # the next screen starts from a fresh desk
		raise ScreenDidNotOpen(screen.route) from None
	page.evaluate(SETTLED)
	page.wait_for_timeout(200)  # charts and formatters draw after the last answer
	return page.evaluate(VISIBLE_TEXT, None)


def sweep_user(browser, desk_url, user, screens, artifacts, timings) -> list[str]:
	context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
	page = context.new_page()
	events: list[str] = []
	page.on("pageerror", lambda error: events.append(f"page error: {error}"))
	page.on("console", lambda message: message.type == "error" and events.append(f"console: {message.text}"))
	page.on(
		"response",
		lambda response: (
			response.status >= 400
			and response.url.startswith(desk_url)
			and events.append(f"HTTP {response.status} {response.request.method} {response.url}")
		),
	)
	problems = []

	def fail(what: str, failures: list[str]) -> None:
		shot = artifacts / "sweep" / f"{user.split('@')[0]}-{len(problems):03d}.png"
		page.screenshot(path=str(shot), full_page=True)
		problems.append(f"{user} {what}: {'; '.join(failures)} ({shot.name})")
		with open(shot.parent / "problems.txt", "a") as report:
			report.write(problems[-1] + "\n")

	try:
		log_in(page, desk_url, user, PASSWORD)
		try:  # the user's own workspace opens
			page.wait_for_function(
				"() => window.frappe && frappe.container && frappe.container.page", timeout=20_000
			)
			page.evaluate(SETTLED)
		except PlaywrightTimeout:
			fail("landing page", ["the user's workspace did not open", *events])
			page.goto(f"{desk_url}/app/dossier")
		navbar = page.evaluate(VISIBLE_TEXT, ".navbar")
		if found := english_words(navbar):
			fail("navbar", [f"English {found}"])
		for screen in screens:
			events.clear()
			started = time.monotonic()
			try:
				text = visit(page, desk_url, screen)
			except ScreenDidNotOpen:
				text = ""
				events.append("the screen did not open within 20 s")
			timings.append((time.monotonic() - started, screen.route))
			failures = [
				event
				for event in events
				if not any(
					f"HTTP {status} " in event or f"status of {status} " in event
					for status in screen.allowed_status
				)
			]
			if found := english_words(text):
				failures.append(f"English {found}")
			if found := foreign_numbers(text):
				failures.append(f"numbers {found}")
			if failures:
				fail(f"{screen.kind} {screen.route}", failures)
	finally:
		context.close()
	return problems


def sweep_in_parallel(plans: dict, desk_url: str, artifacts, workers: int = 2) -> tuple[list, list]:
	"""The users' sweeps shared out between `workers` browsers of their own: most of a screen's time
	is the browser waiting for the server and drawing, which overlaps well on two cores."""
	from concurrent.futures import ThreadPoolExecutor
	from queue import Empty, SimpleQueue

	from browser.conftest import CHROMIUM, CHROMIUM_ARGS
	from playwright.sync_api import sync_playwright

	users: SimpleQueue = SimpleQueue()
	for user in sorted(plans, key=lambda user: -len(plans[user])):  # longest first
		users.put(user)
	problems, timings = [], []

	def work():
		with sync_playwright() as playwright:
			browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
			try:
				while True:
					try:
						user = users.get_nowait()
					except Empty:
						return
					problems.extend(sweep_user(browser, desk_url, user, plans[user], artifacts, timings))
			finally:
				browser.close()

	with ThreadPoolExecutor(workers) as pool:
		for future in [pool.submit(work) for _ in range(workers)]:
			future.result()
	return problems, timings


def test_every_screen_reads_in_vietnamese_without_errors(sweep_ward, desk_url, artifacts):
	plans = {user: screens_for(user) for user, *_ in STAFF}
	dossier = frappe.get_all("Dossier", filters={"administrative_unit": WARD}, pluck="name", limit=1)[0]
	# another ward's officer who follows a link to this ward's dossier is told so, in Vietnamese
	plans[OTHER_OFFICER].append(
		Screen("form", f"/app/dossier/{dossier}", allowed_status=(403,), refused=True)
	)
	assert {screen.kind for screen in plans[WARD_ADMIN]} >= {"list", "new", "form", "report", "workspace"}
	assert any(screen.kind == "print" for screen in plans[OFFICER])
	if only := os.environ.get("WARD_SWEEP_USERS"):  # while fixing a role's screens: "motcua,hotich"
		plans = {
			user: screens for user, screens in plans.items() if user.split("@")[0][7:] in only.split(",")
		}

	(artifacts / "sweep").mkdir(exist_ok=True)
	for old in (artifacts / "sweep").iterdir():
		old.unlink()
	started = time.monotonic()
	problems, timings = sweep_in_parallel(plans, desk_url, artifacts)
	for seconds, route in sorted(timings, reverse=True)[:5]:
		print(f"{seconds:5.1f} s {route}")
	count = sum(len(screens) for screens in plans.values())
	print(f"\nsweep: {count} screens for {len(plans)} users in {time.monotonic() - started:.0f} s")
	assert not problems, f"{len(problems)} of {count} screens fail:\n" + "\n".join(sorted(problems))
