"""Failed logins lock the address they really come from, whatever X-Forwarded-For says.

The served test site runs `bench ward-serve` (ward_admin.wsgi): only loopback is a trusted proxy.
A client connecting from 127.0.0.2 (any address of the loopback network works on Linux, and is
not the trusted 127.0.0.1) plays an attacker on the internet.
"""

import http.client
import json
from urllib.parse import urlencode, urlparse

import frappe
import pytest

ATTACKER = "127.0.0.2"


def login(desk_url: str, source: str, user: str, forwarded_for: str | None = None) -> tuple[int, str]:
	url = urlparse(desk_url)
	connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60, source_address=(source, 0))
	headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"}
	if forwarded_for:
		headers["X-Forwarded-For"] = forwarded_for
	connection.request("POST", "/api/method/login", urlencode({"usr": user, "pwd": "wrong"}), headers)
	response = connection.getresponse()
	body = response.read().decode()
	connection.close()
	return response.status, body


def locked(body: str) -> bool:
	return "locked" in body.lower() or "khóa" in body.lower()


@pytest.fixture
def lockout(site):
	"""The site's lock-out settings (a real ward's: 5 attempts, 300 s), and no trace afterwards."""
	attempts = frappe.db.get_single_value("System Settings", "allow_consecutive_login_attempts")
	assert attempts and attempts <= 10, "the test site must lock out repeated failed logins"
	addresses = ["127.0.0.1", ATTACKER, "203.0.113.7", "203.0.113.8"] + [f"198.51.100.{i}" for i in range(40)]

	def clear():
		for key in ("login_failed_count", "login_failed_time", "login_failed_lock_time"):
			for address in addresses:
				frappe.cache.hdel(key, address)

	clear()
	yield attempts
	clear()


def test_a_forged_forwarded_for_does_not_escape_the_lock_out(desk_url, lockout):
	statuses = []
	for attempt in range(lockout + 2):
		status, body = login(
			desk_url, ATTACKER, f"nobody{attempt}@example.vn", forwarded_for=f"198.51.100.{attempt}"
		)
		statuses.append((status, locked(body)))
	assert statuses[-1][1], f"still not locked after {lockout + 2} forged attempts: {statuses}"


def test_behind_the_trusted_proxy_each_client_is_counted_apart(desk_url, lockout):
	for attempt in range(lockout + 2):
		_status, body = login(
			desk_url, "127.0.0.1", f"nobody{attempt}@example.vn", forwarded_for="203.0.113.7"
		)
	assert locked(body)
	_status, body = login(desk_url, "127.0.0.1", "nobody@example.vn", forwarded_for="203.0.113.8")
	assert not locked(body), "another client behind the proxy was locked out too"
	assert json.loads(body).get("exc_type") != "SecurityException"


def test_a_locked_out_login_answers_429_with_the_wait(desk_url, lockout):
	"""A client is told to wait, and how long: 429 with the seconds, not a server error."""
	wait = frappe.db.get_single_value("System Settings", "allow_login_after_fail")
	for _attempt in range(lockout + 2):
		status, body = login(desk_url, ATTACKER, "nobody-waits@example.vn")
	assert status == 429, (status, body[-300:])
	assert json.loads(body)["exc_type"] == "SecurityException"
	assert str(wait) in json.loads(body)["_server_messages"]
