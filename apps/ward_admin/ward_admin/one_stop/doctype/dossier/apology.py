"""The apology and new appointment (form 04): once, at least one working day before the due time.

Decree 61/2018 Art 19.9: a body that cannot resolve a dossier on time apologises in writing at
the latest one working day before the due time and gives a new return time; the return time is
rescheduled only once. Called by the form through `Dossier.issue_apology` (`frm.call`).
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from ward_admin import arguments
from ward_admin.arguments import MissingReasonError
from ward_admin.one_stop.doctype.dossier import states
from ward_admin.one_stop.doctype.dossier.legal_clock import engine
from ward_admin.services import dossier_states as codes


class RescheduleError(frappe.ValidationError):
	"""An apology the law does not allow: a closed dossier, a second one, too late, or no later."""


def latest_time(doc):
	"""The last instant an apology may be issued: one working day before the due time."""
	calendar = engine(doc)
	return calendar.instant_at(calendar.position(get_datetime(doc.due_at)) - calendar.full_day_us)


def issue(doc, new_appointment_at, reason: str) -> None:
	doc.check_permission("write")
	if not (reason or "").strip():
		frappe.throw(
			_("Write the reason for the delay: it is printed on the apology"),
			exc=MissingReasonError,
			title=_("Missing Information"),
		)
	if states.code_of(doc.status) not in codes.OPEN or not doc.due_at:
		frappe.throw(
			_("Only an open dossier with a due time can be rescheduled"),
			exc=RescheduleError,
			title=_("Not Allowed"),
		)
	if doc.apology_issued_at:
		frappe.throw(
			_("The return time was already rescheduled on {0}: the law allows it only once").format(
				frappe.format(doc.apology_issued_at, "Datetime")
			),
			exc=RescheduleError,
			title=_("Not Allowed"),
		)
	now = now_datetime()
	latest = latest_time(doc)
	if now > latest:
		frappe.throw(
			_(
				"An apology must be issued at least one working day before the due time, that is by {0}"
			).format(frappe.format(latest, "Datetime")),
			exc=RescheduleError,
			title=_("Too Late to Reschedule"),
		)
	new_appointment_at = arguments.datetime_value(new_appointment_at, _("New Appointment"))
	if new_appointment_at <= get_datetime(doc.appointment_at):
		frappe.throw(
			_("The new appointment must be later than the current one, {0}").format(
				frappe.format(doc.appointment_at, "Datetime")
			),
			exc=RescheduleError,
			title=_("Invalid Appointment"),
		)
	doc.original_appointment_at = doc.appointment_at
	doc.appointment_at = new_appointment_at
	doc.apology_issued_at = now
	doc.apology_reason = reason.strip()
	doc.apology_by = frappe.session.user
	# the apology fields are read-only to clients: written here, after the write check above
	doc.save(ignore_permissions=True)
	doc.add_comment(
		"Info",
		_("Apology issued; new appointment {0}").format(frappe.format(new_appointment_at, "Datetime")),
	)
