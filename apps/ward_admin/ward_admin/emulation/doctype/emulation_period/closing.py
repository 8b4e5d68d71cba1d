"""Closing and reopening an emulation period (design §3): frozen scores and the proposals they make.

Closing computes every staff member's row (`scoring.score_rows`), inserts the Staff Period Score
rows, proposes a Commendation for each proposed title and a Disciplinary Review for each staff
member rated Not Complete by their score, and logs who closed it. Closing a closed period
changes nothing. Reopening needs a reason, is logged, and is refused once the leader has
decided a proposal of the period: the decision rests on the frozen scores.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from ward_admin.emulation.doctype.emulation_period import scoring
from ward_admin.services import emulation as arithmetic

SCORE_FIELDS = (
	"emulation_period",
	"employee",
	"employee_name",
	"user",
	"administrative_unit",
	"final_score",
	"rating_level",
	"proposed_title",
	"rank",
	"disciplined",
	"points",
	"dossiers_received",
	"dossiers_handled",
	"resolved",
	"early",
	"on_time",
	"late",
	"on_time_rate",
	"steps_late",
	"supplements_requested",
	"apologies",
	"avg_rating",
	"ratings_count",
)
PROPOSALS = ("Commendation", "Disciplinary Review")


class PeriodStateError(frappe.ValidationError):
	"""Reopening a period that is open, or whose proposals the leader has decided."""


def close(period) -> list[str]:
	"""Freeze the period's scores; returns the names of its Staff Period Score rows."""
	if period.status == "Closed":
		return existing_scores(period.name)
	# one closing at a time: the second request waits here and then finds the period closed
	frappe.db.get_value("Emulation Period", period.name, "name", for_update=True)
	if frappe.db.get_value("Emulation Period", period.name, "status") == "Closed":
		return existing_scores(period.name)
	rows = scoring.score_rows(period)
	now = now_datetime()
	names = []
	values = []
	for row in rows:
		name = frappe.generate_hash(length=10)
		names.append(name)
		values.append(
			(name, now, now, frappe.session.user, frappe.session.user, *(row[f] for f in SCORE_FIELDS))
		)
	frappe.db.bulk_insert(
		"Staff Period Score",
		("name", "creation", "modified", "owner", "modified_by", *SCORE_FIELDS),
		values,
		chunk_size=500,
	)
	for name, row in zip(names, rows, strict=True):
		propose(period, name, row)
	period.status = "Closed"
	period.closed_at = now
	period.closed_by = frappe.session.user
	period.append("log", {"action": "Closed", "user": frappe.session.user, "at": now})
	period.flags.closing = True
	period.save(ignore_permissions=True)
	return names


def propose(period, score_name: str, row: dict) -> None:
	common = {
		"employee": row["employee"],
		"employee_name": row["employee_name"],
		"user": row["user"],
		"administrative_unit": row["administrative_unit"],
		"emulation_period": period.name,
		"staff_period_score": score_name,
		"final_score": row["final_score"],
		"rating_level": row["rating_level"],
		"status": "Proposed",
	}
	if row["proposed_title"]:
		doc = frappe.get_doc({"doctype": "Commendation", "title": row["proposed_title"], **common})
	elif row["rating_level"] == arithmetic.NOT_COMPLETE and not row["disciplined"]:
		doc = frappe.get_doc({"doctype": "Disciplinary Review", "grounds": grounds(row), **common})
	else:
		return
	doc.flags.from_period = True
	doc.insert(ignore_permissions=True)


def grounds(row: dict) -> str:
	return _(
		"Score {0} (Not Complete): {1} dossiers late of {2} resolved, {3} steps late, {4} apologies"
	).format(row["final_score"], row["late"], row["resolved"], row["steps_late"], row["apologies"])


def existing_scores(period: str) -> list[str]:
	return frappe.get_all(
		"Staff Period Score", filters={"emulation_period": period}, pluck="name", order_by="`rank`, name"
	)


def reopen(period, reason: str) -> None:
	from ward_admin.one_stop.doctype.dossier.lifecycle import MissingReasonError

	if not (reason or "").strip():
		frappe.throw(
			_("Write why the period is reopened: the reason is kept in its history"),
			exc=MissingReasonError,
			title=_("Missing Information"),
		)
	if period.status != "Closed":
		frappe.throw(_("Only a closed period can be reopened"), exc=PeriodStateError, title=_("Not Allowed"))
	for doctype in PROPOSALS:
		decided = frappe.get_all(
			doctype,
			filters={"emulation_period": period.name, "status": ("!=", "Proposed")},
			pluck="name",
			limit=1,
		)
		if decided:
			frappe.throw(
				_("The leader has decided {0} {1} of this period: it cannot be reopened").format(
					_(doctype), decided[0]
				),
				exc=PeriodStateError,
				title=_("Not Allowed"),
			)
	for doctype in PROPOSALS:
		frappe.db.delete(doctype, {"emulation_period": period.name})
	frappe.db.delete("Staff Period Score", {"emulation_period": period.name})
	now = now_datetime()
	period.status = "Open"
	period.closed_at = None
	period.closed_by = None
	period.append(
		"log", {"action": "Reopened", "reason": reason.strip(), "user": frappe.session.user, "at": now}
	)
	period.flags.closing = True
	period.save(ignore_permissions=True)
	period.add_comment("Info", _("Period reopened: {0}").format(reason.strip()))
