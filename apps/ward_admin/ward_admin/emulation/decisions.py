"""The leader's decision on a proposal from a closed period (Commendation, Disciplinary Review).

Nothing is decided automatically (docs/rules.md, "Emulation"): a Ward Leader approves, with the decision's number
and date, or rejects, with a reason. A decision is final; the proposal is then read-only.
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, now_datetime

from ward_admin import arguments

DECIDERS = frozenset({"Ward Leader", "System Manager"})


class DecisionError(frappe.ValidationError):
	"""A decision on a proposal already decided, or without its number, date or reason."""


def check_decider(doc) -> None:
	doc.check_permission("write")
	if not DECIDERS.intersection(frappe.get_roles()):
		frappe.throw(_("Only a Ward Leader decides proposals"), exc=frappe.PermissionError)
	if doc.status != "Proposed":
		frappe.throw(
			_("{0} was already decided: {1}").format(doc.name, _(doc.status)),
			exc=DecisionError,
			title=_("Not Allowed"),
		)


def approve(doc, decision_number: str, decision_date, **values) -> None:
	check_decider(doc)
	if not (decision_number or "").strip():
		frappe.throw(_("Enter the decision's number"), exc=DecisionError, title=_("Missing Information"))
	doc.decision_number = decision_number.strip()
	doc.decision_date = getdate(arguments.date_value(decision_date, _("Decision Date")))
	doc.update(values)
	decide(doc, "Approved")


def reject(doc, reason: str) -> None:
	check_decider(doc)
	if not (reason or "").strip():
		frappe.throw(
			_("Write why the proposal is rejected"), exc=DecisionError, title=_("Missing Information")
		)
	doc.rejection_reason = reason.strip()
	decide(doc, "Rejected")


def decide(doc, status: str) -> None:
	doc.status = status
	doc.decided_by = frappe.session.user
	doc.decided_at = now_datetime()
	doc.flags.deciding = True
	doc.save(ignore_permissions=True)


def protect(doc) -> None:
	"""validate of both proposals: created by a period, changed only by a decision."""
	if doc.is_new():
		if not doc.flags.from_period:
			frappe.throw(
				_("Proposals are made by closing an emulation period"),
				exc=DecisionError,
				title=_("Not Allowed"),
			)
		return
	if not doc.flags.deciding:
		frappe.throw(
			_("Use Approve or Reject: a proposal is changed only by the leader's decision"),
			exc=DecisionError,
			title=_("Not Allowed"),
		)


def protect_deletion(doc) -> None:
	"""A proposal goes only with its period's reopening (which deletes the undecided ones)."""
	frappe.throw(
		_("Proposals are not deleted: reopen their period to withdraw them"),
		exc=DecisionError,
		title=_("Not Allowed"),
	)


class Proposal(Document):
	"""What Commendation and Disciplinary Review share: made by a period, changed by a decision."""

	def validate(self):
		protect(self)

	def on_trash(self):
		protect_deletion(self)

	@frappe.whitelist(methods=["POST"])
	def reject(self, reason: str) -> None:
		"""The leader rejects the proposal, with a reason."""
		reject(self, reason)
