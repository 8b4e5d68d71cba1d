"""What the form shows of a dossier's legal clock (the badge), which notice it prints by default and
whether an apology still makes sense: computed on the server from the national status code and the
unit's working calendar, sent with the document when the form loads (`Dossier.onload`).
"""

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from ward_admin import arguments
from ward_admin.one_stop.doctype.dossier import apology, states
from ward_admin.one_stop.doctype.dossier.legal_clock import engine
from ward_admin.services import dossier_states as codes

RUNNING, PAUSED, OVERDUE = "running", "paused", "overdue"
MAX_BADGES = 100

# the notice a state prints by default (docs/rules.md, "Forms"): the receipt slip while the dossier is
# received and processed, the supplement request while it waits for one, and so on
FORM_01 = "01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
DEFAULT_PRINTS = {
	codes.SUBMITTED_ONLINE: FORM_01,
	codes.RECEIVED: FORM_01,
	codes.PROCESSING: FORM_01,
	codes.AWAITING_SUPPLEMENT: "02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
	codes.REFUSED: "03 Phiếu từ chối tiếp nhận giải quyết hồ sơ",
	codes.STOPPED: "05 Thông báo dừng giải quyết hồ sơ",
	codes.RESOLVED: "06 Phiếu kiểm soát quá trình giải quyết hồ sơ",
	codes.RETURNED: "06 Phiếu kiểm soát quá trình giải quyết hồ sơ",
}
FORM_04 = "04 Phiếu xin lỗi và hẹn lại ngày trả kết quả"


def badge(doc, now: datetime | None = None) -> dict | None:
	"""{"state": running | paused | overdue, ...} for an open dossier with a clock, else None."""
	now = now or now_datetime()
	code = states.code_of(doc.status)
	if code in codes.PAUSES:
		pause = next((p for p in reversed(doc.pauses) if not p.ended_at), None)
		return {
			"state": PAUSED,
			"since": str(pause.started_at) if pause else None,
			"reason": codes.PAUSES[code],
		}
	if code not in codes.CLOCK_RUNNING or not doc.due_at:
		return None
	due = get_datetime(doc.due_at)
	calendar = engine(doc)
	if now > due:
		hours = calendar.working_seconds_between(due, now) / 3600
		return {"state": OVERDUE, "due_at": str(due), "hours": round(hours, 1)}
	hours = calendar.working_seconds_between(now, due) / 3600
	return {"state": RUNNING, "due_at": str(due), "hours": round(hours, 1)}


def default_print_format(doc) -> str | None:
	code = states.code_of(doc.status)
	if doc.apology_issued_at and code in codes.OPEN:
		return FORM_04
	return DEFAULT_PRINTS.get(code)


def apology_useful(doc, now: datetime | None = None) -> bool:
	"""The "Apologise and Reschedule" button: while the law still allows an apology (once, at least
	a working day before the due time) and the dossier is at risk: a step of its process is late,
	or less than half of its time limit is left."""
	now = now or now_datetime()
	if doc.apology_issued_at or states.code_of(doc.status) not in codes.OPEN or not doc.due_at:
		return False
	if now > apology.latest_time(doc):
		return False
	if any(row.due_at and not row.completed_at and get_datetime(row.due_at) < now for row in doc.steps):
		return True
	if any(row.timeliness == "Late" for row in doc.steps):
		return True
	calendar = engine(doc)
	left = calendar.working_seconds_between(now, get_datetime(doc.due_at))
	total = calendar.working_seconds_between(
		calendar.start_instant(get_datetime(doc.received_at)), get_datetime(doc.due_at)
	)
	return total > 0 and left < total / 2


@frappe.whitelist()
def badges(names: list[str] | str) -> dict[str, dict]:
	"""The list's clock badges, for the rows the reader sees (at most a page of them)."""
	names = arguments.json_value(names, _("Dossiers"), list)
	if len(names) > MAX_BADGES:
		frappe.throw(
			_("Ask for the clocks of at most {0} dossiers").format(MAX_BADGES),
			exc=frappe.ValidationError,
			title=_("Invalid Request"),
		)
	now = now_datetime()
	found = {}
	for name in names:
		if not isinstance(name, str) or not frappe.db.exists("Dossier", name):
			continue
		doc = frappe.get_doc("Dossier", name)
		if doc.has_permission("read") and (state := badge(doc, now)):
			found[name] = state
	return found
