"""Helpers for tests that drive the desk in a browser."""


def log_in(page, desk_url: str, email: str, password: str) -> None:
	"""Log in through the login page and wait for the desk."""
	page.goto(f"{desk_url}/login")
	page.fill("#login_email", email)
	page.fill("#login_password", password)
	page.click(".btn-login")
	page.wait_for_url("**/app**", timeout=60_000)


def is_known_chart_race(error) -> bool:
	"""Frappe Charts' resize observer sometimes redraws a chart that is being replaced and throws
	"removeChild ... not a child of this node" (frappe/charts#368, open upstream). The chart
	still draws; it is the only page error a test may ignore."""
	return "removeChild" in str(error) and "boundDrawFn" in (getattr(error, "stack", "") or "")


def is_chart_drawn_while_leaving(text: str) -> bool:
	"""Frappe Charts draws a workspace chart that arrives after the user has left the page into
	a container of no width, and the browser rejects its bars' negative widths. Nothing is lost:
	the chart is not on screen any more. Only tests that leave a workspace at once meet it."""
	return "<rect> attribute width: A negative value is not valid" in text


def watch_errors(page, console: bool = True) -> list[str]:
	"""Collect the page's uncaught errors, failed requests and (optionally) console errors."""
	errors = []
	page.on(
		"pageerror",
		lambda exc: (
			is_known_chart_race(exc) or errors.append(f"uncaught: {exc} {getattr(exc, 'stack', '')[:600]}")
		),
	)
	page.on("response", lambda r: r.status >= 400 and errors.append(f"HTTP {r.status}: {r.url}"))
	if console:
		page.on(
			"console",
			lambda msg: (
				msg.type == "error"
				and "removeChild" not in msg.text
				and not is_chart_drawn_while_leaving(msg.text)
				and errors.append(f"console: {msg.text}")
			),
		)
	return errors


def watch_failures(page, desk_url: str) -> list[str]:
	"""Collect the desk's failed requests (any status >= 400 from the served site) and uncaught
	errors but Frappe Charts' known race."""
	failures = []

	def on_response(response):
		if response.url.startswith(desk_url) and response.status >= 400:
			failures.append(f"HTTP {response.status} {response.request.method} {response.url}")

	page.on("response", on_response)
	page.on("pageerror", lambda exc: "removeChild" in str(exc) or failures.append(f"uncaught: {exc}"))
	return failures
