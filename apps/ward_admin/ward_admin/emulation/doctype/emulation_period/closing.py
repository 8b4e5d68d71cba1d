"""Closing and reopening an emulation period (docs/contract.md, "Emulation"): frozen scores and the proposals they make.

Closing computes every staff member's row (`scoring.score_rows`), inserts the Staff Period Score
rows, proposes a Commendation for each proposed title and a Disciplinary Review for each staff
member rated Not Complete by their score, and logs who closed it. Closing a closed period
changes nothing. Reopening needs a reason, is logged, and is refused once the leader has
decided a proposal of the period: the decision rests on the frozen scores.
"""

import frappe
from frappe import _
from frappe.model.naming import getseries
from frappe.utils import now_datetime

from ward_admin.arguments import MissingReasonError
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
	*arithmetic.COMPONENTS,
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
	propose(period, names, rows, now)
	period.status = "Closed"
	period.closed_at = now
	period.closed_by = frappe.session.user
	period.append("log", {"action": "Closed", "user": frappe.session.user, "at": now})
	save_closing(period)
	return names


def save_closing(period) -> None:
	"""Save the period's status and history: the only writer of those fields."""
	period.flags.closing = True
	try:
		period.save(ignore_permissions=True)
	finally:
		period.flags.closing = False


def propose(period, score_names: list[str], rows: list[dict], now) -> None:
	"""A Commendation per proposed title, a Disciplinary Review per score rated Not Complete (not
	for a measure already decided this year): written in bulk, numbered by their naming series."""
	common = (
		"employee",
		"employee_name",
		"user",
		"administrative_unit",
		"emulation_period",
		"staff_period_score",
		"final_score",
		"rating_level",
		"status",
	)
	proposals = {"Commendation": [], "Disciplinary Review": []}
	for score_name, row in zip(score_names, rows, strict=True):
		values = (
			row["employee"],
			row["employee_name"],
			row["user"],
			row["administrative_unit"],
			period.name,
			score_name,
			row["final_score"],
			row["rating_level"],
			"Proposed",
		)
		if row["proposed_title"]:
			proposals["Commendation"].append((*values, row["proposed_title"]))
		elif row["rating_level"] == arithmetic.NOT_COMPLETE and not row["disciplined"]:
			proposals["Disciplinary Review"].append((*values, grounds(row)))
	for doctype, prefix, extra in (("Commendation", "KT", "title"), ("Disciplinary Review", "KL", "grounds")):
		if not proposals[doctype]:
			continue
		series = f"{prefix}-{now:%Y}-"
		frappe.db.bulk_insert(
			doctype,
			("name", "creation", "modified", "owner", "modified_by", *common, extra),
			[
				(
					f"{series}{getseries(series, 5)}",
					now,
					now,
					frappe.session.user,
					frappe.session.user,
					*values,
				)
				for values in proposals[doctype]
			],
			chunk_size=500,
		)


def grounds(row: dict) -> str:
	return _(
		"Score {0} (Not Complete): {1} dossiers late of {2} resolved, {3} steps late, {4} apologies"
	).format(row["final_score"], row["late"], row["resolved"], row["steps_late"], row["apologies"])


def existing_scores(period: str) -> list[str]:
	return frappe.get_all(
		"Staff Period Score", filters={"emulation_period": period}, pluck="name", order_by="`rank`, name"
	)


def reopen(period, reason: str) -> None:
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
	save_closing(period)
	period.add_comment("Info", _("Period reopened: {0}").format(reason.strip()))
