"""Helpers for tests that drive the desk in a browser."""


def log_in(page, desk_url: str, email: str, password: str) -> None:
	"""Log in through the login page and wait for the desk."""
	page.goto(f"{desk_url}/login")
	page.fill("#login_email", email)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=60_000)


def watch_errors(page, console: bool = True) -> list[str]:
	"""Collect the page's uncaught errors, failed requests and (optionally) console errors. Frappe
	Charts' own failures (a chart redrawn during its animation or drawn hidden) are no longer
	excused: the desk bundle guards them."""
	errors = []
	page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc} {getattr(exc, 'stack', '')[:600]}"))
	page.on("response", lambda r: r.status >= 400 and errors.append(f"HTTP {r.status}: {r.url}"))
	if console:
		page.on("console", lambda msg: msg.type == "error" and errors.append(f"console: {msg.text}"))
	return errors


def watch_failures(page, desk_url: str) -> list[str]:
	"""Collect the desk's failed requests (any status >= 400 from the served site) and uncaught
	errors."""
	failures = []

	def on_response(response):
		if response.url.startswith(desk_url) and response.status >= 400:
			failures.append(f"HTTP {response.status} {response.request.method} {response.url}")

	page.on("response", on_response)
	page.on("pageerror", lambda exc: failures.append(f"uncaught: {exc}"))
	return failures
