"""A One-Stop Officer logs in and lands on the desk, with no JavaScript error on the way."""

import pytest
from desk import log_in, watch_errors

PASSWORD = "Smoke-Test-2026!"


def test_one_stop_officer_lands_on_desk(desk_url, browser, committed_user, artifacts):
	email = committed_user("_smoke.motcua@example.vn", "One-Stop Officer", PASSWORD)
	page = browser.new_page(viewport={"width": 1366, "height": 900})
	errors = watch_errors(page)

	try:
		log_in(page, desk_url, email, PASSWORD)
		page.wait_for_selector(".navbar", timeout=60_000)
		page.wait_for_load_state("networkidle")
	except Exception:
		pytest.fail(f"the desk did not load; browser errors: {errors}")
	finally:
		page.screenshot(path=str(artifacts / "desk-one-stop-officer.png"), full_page=True)

	assert "/app" in page.url
	boot_user = page.evaluate("() => frappe.session.user")
	assert boot_user == email
	assert errors == [], errors
	page.close()
