"""pytest ↔ Frappe: every test that asks for `site` (or sits under tests/integration or
tests/browser) runs against the real test site on MariaDB.

What it does
- Connects once per session to the site named by WARD_TEST_SITE (default test.localhost, the
  site `./ward test` creates) in this bench's `sites/` folder, as Administrator, with
  `frappe.flags.in_test` set, so Frappe behaves as under `bench run-tests`.
- `db` (autouse under tests/integration) rolls back after each test and resets the user, so a
  test may insert what it likes and leaves nothing behind. Frappe commits on its own after DDL
  (creating a DocType or a Custom Field), so a test that does DDL must clean up after itself.
- `FrappeTestCase` classes work too: they commit in setUpClass and roll back in their cleanup.

Adding a test
- A pure rule (no database): put it under tests/unit and import the module; no fixture needed.
- Behaviour on a site: put it under tests/integration and write a plain function; use `frappe`
  directly (`frappe.get_doc(...).insert()`), `frappe.set_user(...)` to act as someone, and
  `pytest.raises(frappe.ValidationError)` for refusals. It rolls back afterwards.
- Run one test: `env/bin/python -m pytest tests/integration/test_foundation.py -k roles`
  (after `./ward test` has set the site up once).
"""

import os
from pathlib import Path

import pytest

BENCH_PATH = Path(__file__).resolve().parents[1]
SITE = os.environ.get("WARD_TEST_SITE", "test.localhost")


@pytest.fixture(scope="session")
def site():
	"""The connected test site's name; connects on first use and disconnects at the end."""
	import frappe

	sites_path = BENCH_PATH / "sites"
	if not (sites_path / SITE / "site_config.json").exists():
		pytest.exit(f"Test site {SITE} does not exist: run ./ward test once to create it", returncode=3)
	cwd = os.getcwd()
	os.chdir(sites_path)  # frappe resolves some paths (logs, assets) from the sites folder
	frappe.init(site=SITE, sites_path=str(sites_path))
	frappe.connect()
	frappe.flags.in_test = True
	frappe.set_user("Administrator")
	yield SITE
	frappe.db.rollback()
	frappe.destroy()
	os.chdir(cwd)


@pytest.fixture
def db(site):
	"""Runs the test inside a transaction that is rolled back afterwards."""
	import frappe

	frappe.db.rollback()
	frappe.set_user("Administrator")
	yield frappe.db
	frappe.db.rollback()
	frappe.set_user("Administrator")
	frappe.local.message_log = []
