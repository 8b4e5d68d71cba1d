"""Browser tests: Debian's chromium driven by Playwright against the served test site
(`desk_url` in tests/conftest.py)."""

import os
from pathlib import Path

import pytest

BENCH_PATH = Path(__file__).resolve().parents[2]
ARTIFACTS = BENCH_PATH / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	if not os.path.exists(CHROMIUM):
		pytest.fail(f"{CHROMIUM} is missing: ./ward test installs Debian's chromium")
	with sync_playwright() as p:
		browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def artifacts() -> Path:
	ARTIFACTS.mkdir(parents=True, exist_ok=True)
	return ARTIFACTS
