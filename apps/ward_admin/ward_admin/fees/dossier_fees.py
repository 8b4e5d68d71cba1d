"""The fees module's part in a dossier's life, wired through hooks.py (doc_events,
doctype_js, override_doctype_dashboards): the dossier module does not know about receipts.

- Leaving a payment pause (national code 6) for the clock-running or resolved states needs
  issued receipts covering the fee ("Payment Received" with nothing collected is refused).
- The Dossier form shows the fee collected and offers "Collect Fee" (`dossier_fees.js`).
- The dossier's connections list its receipts.
"""

import frappe
from frappe import _
from frappe.utils import cint, flt

from ward_admin.fees.doctype.fee_receipt.fee_receipt import outstanding, paid
from ward_admin.printing import format_number
from ward_admin.services import dossier_events
from ward_admin.services import dossier_states as codes

# leaving the payment pause for one of these needs the fee paid
PAID_BEFORE = frozenset({codes.RECEIVED, codes.PROCESSING, codes.RESOLVED})


class FeeNotPaidError(frappe.ValidationError):
	"""The dossier leaves its payment pause before its fee is covered by issued receipts."""


def check_payment(doc, method=None) -> None:
	"""Dossier.validate (doc_event, run after the Dossier's own, which records the save's events)."""
	leaves_payment_pause = any(
		event.from_code == codes.AWAITING_PAYMENT and event.to_code in PAID_BEFORE
		for event in dossier_events.of_save(doc, dossier_events.STATUS_CHANGED)
	)
	if not leaves_payment_pause:
		return
	fee = int(flt(doc.fee_amount))
	collected = paid(doc.name)
	if collected < fee:
		frappe.throw(
			_("Dossier {0} has {1} đồng of its fee of {2} đồng unpaid: issue its receipt first").format(
				frappe.bold(doc.name), format_number(fee - collected), format_number(fee)
			),
			exc=FeeNotPaidError,
			title=_("Fee Not Paid"),
		)


def payment_action(dossier) -> str | None:
	"""The workflow action that takes a dossier awaiting payment (national code 6) back to
	processing once its fee is covered, read from the Dossier workflow's own states and codes."""
	if cint(dossier.status_code) != codes.AWAITING_PAYMENT or outstanding(dossier.name, dossier.fee_amount):
		return None
	workflow = frappe.db.get_value("Workflow", {"document_type": "Dossier", "is_active": 1})
	if not workflow:
		return None
	doc = frappe.get_cached_doc("Workflow", workflow)
	code_of = {row.state: cint(row.get("status_code")) for row in doc.states}
	for row in doc.transitions:
		if row.state == dossier.status and code_of.get(row.next_state) == codes.PROCESSING:
			return row.action
	return None


@frappe.whitelist(methods=["POST"])
def payment_received(dossier: str) -> str:
	"""The counter's "Payment Received" offered as soon as the receipt covering the fee is issued:
	the dossier goes back to processing, as the workflow's action by the officer would."""
	from frappe.model.workflow import apply_workflow

	doc = frappe.get_doc("Dossier", dossier)
	doc.check_permission("write")
	action = payment_action(doc)
	if not action:
		frappe.throw(
			_("Dossier {0} is not awaiting a fee that its receipts cover").format(frappe.bold(doc.name)),
			exc=FeeNotPaidError,
			title=_("Fee Not Paid"),
		)
	return apply_workflow(doc, action).status


def resume_after_online_payment(receipt) -> None:
	"""A fee paid through the gateway moves its dossier on by itself: nobody is at the counter to
	press "Payment Received". Run as the site (the gateway's call has no user)."""
	from frappe.model.workflow import apply_workflow

	dossier = frappe.get_doc("Dossier", receipt.dossier)
	action = payment_action(dossier)
	if not action:
		return
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		apply_workflow(dossier, action)
	finally:
		frappe.set_user(user)


@frappe.whitelist()
def fee_status(dossier: str) -> dict:
	"""The fee of a dossier, what its issued receipts cover, and whether the user may collect."""
	doc = frappe.get_doc("Dossier", dossier)
	doc.check_permission("read")
	fee = int(flt(doc.fee_amount))
	collected = paid(doc.name)
	return {
		"fee": fee,
		"paid": collected,
		"unpaid": max(fee - collected, 0),
		"can_collect": bool(frappe.has_permission("Fee Receipt", "create")),
		# covered while the dossier still waits for it: the action that moves it on
		"payment_action": payment_action(doc) if doc.has_permission("write") else None,
	}


def dashboard(data):
	"""override_doctype_dashboards: the dossier's receipts under its connections."""
	data = data or frappe._dict()
	data.setdefault("fieldname", "dossier")
	data.setdefault("non_standard_fieldnames", {})["Fee Receipt"] = "dossier"
	data.setdefault("transactions", []).append({"label": _("Fees"), "items": ["Fee Receipt"]})
	return data


# the citizen's payment page (built by the portal): the dossier code and the amount to pay
PAYMENT_PAGE = "/thanh-toan"


def fee_payment_link(doc) -> str:
	"""The "pay online" address printed on form 01 while the dossier's fee is unpaid (a Jinja
	method, hooks.py): it carries the dossier code, the amount and the lookup secret."""
	if not doc.name or doc.is_new():
		return ""
	unpaid = outstanding(doc.name, doc.fee_amount)
	if not unpaid:
		return ""
	from urllib.parse import urlencode

	query = {"ho-so": doc.name, "so-tien": unpaid}
	if doc.get("lookup_secret"):
		# the slip's key opens the page (a reader who may not see the secret prints the code only)
		query["bi-mat"] = doc.lookup_secret
	return frappe.utils.get_url(f"{PAYMENT_PAGE}?{urlencode(query)}")
