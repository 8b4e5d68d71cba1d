"""National status codes of a dossier and what each means to the app (docs/rules.md, "Dossier lifecycle"): pure data.

The app's behaviour follows the code of a workflow state, never its name: an admin may rename a
state or add one (an "Awaiting Signature" with code 4 runs the clock like "Processing") and the
clock, the pauses, the control sheet and the status code follow. The code of each state is set
in the Workflow form (custom field `status_code` of its states).

The rest of the module is the workflow shipped with the app (`DEFAULT_STATES`,
`DEFAULT_TRANSITIONS`): default data, installed once by `ward_admin.setup.workflow`.
"""

# national status codes (docs/sources.md: the national public-service portal's sync)
SUBMITTED_ONLINE = 1
RECEIVED = 2
REFUSED = 3
PROCESSING = 4
AWAITING_SUPPLEMENT = 5
AWAITING_PAYMENT = 6
WITHDRAWN = 7
STOPPED = 8
RESOLVED = 9
RETURNED = 10

CODES = range(1, 11)
# what an admin reads next to each code in the Workflow form
MEANINGS = {
	SUBMITTED_ONLINE: "Submitted online",
	RECEIVED: "Received",
	REFUSED: "Refused",
	PROCESSING: "Processing",
	AWAITING_SUPPLEMENT: "Awaiting a supplement",
	AWAITING_PAYMENT: "Awaiting payment",
	WITHDRAWN: "Withdrawn by the citizen",
	STOPPED: "Processing stopped",
	RESOLVED: "Resolved",
	RETURNED: "Result returned",
}

# the legal clock runs (docs/rules.md, "Working time"): received and being processed
CLOCK_RUNNING = frozenset({RECEIVED, PROCESSING})
# the clock is paused, and why (Dossier Pause.pause_type)
PAUSES = {AWAITING_SUPPLEMENT: "Supplement", AWAITING_PAYMENT: "Payment"}
# the dossier is still being handled: an apology may reschedule it
OPEN = frozenset({SUBMITTED_ONLINE, RECEIVED, PROCESSING, AWAITING_SUPPLEMENT, AWAITING_PAYMENT})
# nothing more happens to the dossier: it is not edited
FINAL = frozenset({REFUSED, WITHDRAWN, STOPPED, RETURNED})
# where a step of a procedure's internal process is worked: received, processing, and resolved
# until the result is handed over
WORKED = frozenset({RECEIVED, PROCESSING, RESOLVED})
# where a dossier enters the workflow, by channel
ENTRY = {"Online": SUBMITTED_ONLINE, "Direct": RECEIVED, "Postal": RECEIVED}


def is_code(value) -> bool:
	return isinstance(value, int) and not isinstance(value, bool) and value in CODES


# ---------------------------------------------------------------- the shipped workflow (default data)

# state, national code, style (Workflow State), role that may edit a dossier in that state
DEFAULT_STATES = [
	("Submitted Online", SUBMITTED_ONLINE, "Info", "One-Stop Officer"),
	("Received", RECEIVED, "Primary", "One-Stop Officer"),
	("Refused", REFUSED, "Danger", "Ward Leader"),
	("Processing", PROCESSING, "Warning", "Specialist"),
	("Awaiting Signature", PROCESSING, "Primary", "Ward Leader"),
	("Awaiting Supplement", AWAITING_SUPPLEMENT, "Warning", "One-Stop Officer"),
	("Awaiting Payment", AWAITING_PAYMENT, "Warning", "One-Stop Officer"),
	("Withdrawn", WITHDRAWN, "Inverse", "Ward Leader"),
	("Stopped", STOPPED, "Danger", "Ward Leader"),
	("Resolved", RESOLVED, "Success", "One-Stop Officer"),
	("Returned", RETURNED, "Success", "Ward Leader"),
]

_OPEN_DEFAULT = [name for name, code, _style, _role in DEFAULT_STATES if code in OPEN]

# action, from, to, roles
DEFAULT_TRANSITIONS = [
	("Receive", "Submitted Online", "Received", ["One-Stop Officer"]),
	("Refuse", "Submitted Online", "Refused", ["One-Stop Officer"]),
	("Start Processing", "Received", "Processing", ["One-Stop Officer", "Specialist"]),
	("Request Supplement", "Processing", "Awaiting Supplement", ["Specialist"]),
	("Supplement Received", "Awaiting Supplement", "Processing", ["One-Stop Officer", "Specialist"]),
	("Request Payment", "Processing", "Awaiting Payment", ["Specialist"]),
	("Payment Received", "Awaiting Payment", "Processing", ["One-Stop Officer"]),
	("Submit for Signature", "Processing", "Awaiting Signature", ["Specialist"]),
	("Send Back", "Awaiting Signature", "Processing", ["Ward Leader"]),
	("Stop", "Processing", "Stopped", ["Ward Leader"]),
	("Resolve", "Awaiting Signature", "Resolved", ["Ward Leader"]),
	("Return Result", "Resolved", "Returned", ["One-Stop Officer"]),
] + [("Withdraw", state, "Withdrawn", ["One-Stop Officer"]) for state in _OPEN_DEFAULT]

# The states of the first releases (no signature step), and their codes
PREVIOUS_STATES = {name: code for name, code, _style, _role in DEFAULT_STATES if name != "Awaiting Signature"}

# The workflow of the first releases (no signature step); sites still running it unchanged get
# the signature step on upgrade, sites whose admins changed it keep it as it is.
PREVIOUS_TRANSITIONS = [
	(action, source, target, roles)
	for action, source, target, roles in DEFAULT_TRANSITIONS
	if action not in ("Submit for Signature", "Send Back", "Resolve")
	and not (action == "Withdraw" and source == "Awaiting Signature")
] + [("Resolve", "Processing", "Resolved", ["Ward Leader"])]
