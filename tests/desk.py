"""Helpers for tests that drive the desk in a browser."""


def log_in(page, desk_url: str, email: str, password: str) -> None:
	"""Log in through the login page and wait for the desk."""
	page.goto(f"{desk_url}/login")
	page.fill("#login_email", email)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=60_000)
