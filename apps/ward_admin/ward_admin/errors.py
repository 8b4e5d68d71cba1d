"""Frappe's answer to errors a client can act on: a 4xx that says what to do, not a server error.

Frappe answers any exception without an HTTP status of its own with 500 ("Server Error"), a
fault of the server that only an operator can look into. Three are the client's to handle:

- `QueryTimeoutError`, `QueryDeadlockError` -> 409: another request holds the row (two deletes
  of one record, two receipts numbered at once); the same request a moment later succeeds. When
  Frappe has not said so itself, the answer says "try again".
- `SecurityException` -> 429: Frappe raises it only when a login is locked out after repeated
  failures (`frappe.auth.get_login_attempt_tracker`), with how many seconds to wait.

`install` gives the classes their status and wraps `frappe.app.handle_exception` for the message;
`ward_admin.framework` installs it with the app's other wrappers.
"""

import frappe
import frappe.app
from frappe import _

STATUS_CODES = (
	(frappe.QueryTimeoutError, 409),
	(frappe.QueryDeadlockError, 409),
	(frappe.SecurityException, 429),
)
CONFLICTS = (frappe.QueryTimeoutError, frappe.QueryDeadlockError)


def install() -> None:
	"""Once per process (idempotent)."""
	for exception, status in STATUS_CODES:
		exception.http_status_code = status
	frappes = frappe.app.handle_exception
	if getattr(frappes, "wrapped_by_ward_admin", False):
		return

	def handle_exception(e):
		if isinstance(e, CONFLICTS) and not frappe.local.message_log:
			frappe.msgprint(
				_("Another request is changing the same record: try again in a moment"),
				title=_("Try Again"),
				indicator="orange",
			)
		return frappes(e)

	handle_exception.wrapped_by_ward_admin = True
	handle_exception.__wrapped__ = frappes
	frappe.app.handle_exception = handle_exception
