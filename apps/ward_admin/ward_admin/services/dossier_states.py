"""The dossier's states, national status codes and workflow transitions (design §4): pure data.

`ward_admin.setup.workflow` installs them as the default Frappe Workflow; `ward_admin.dossiers`
reads the codes and state groups.
"""

# national status codes (domain.md §1.5)
STATUS_CODES = {
	"Submitted Online": 1,
	"Received": 2,
	"Refused": 3,
	"Processing": 4,
	"Awaiting Supplement": 5,
	"Awaiting Payment": 6,
	"Withdrawn": 7,
	"Stopped": 8,
	"Resolved": 9,
	"Returned": 10,
}
OPEN_STATES = ("Submitted Online", "Received", "Processing", "Awaiting Supplement", "Awaiting Payment")
CLOCK_RUNNING_STATES = ("Received", "Processing")
PAUSE_STATES = {"Awaiting Supplement": "Supplement", "Awaiting Payment": "Payment"}
CLOSED_STATES = ("Refused", "Withdrawn", "Stopped", "Resolved", "Returned")

# state, style, roles that may edit a dossier in that state
STATES = [
	("Submitted Online", "Info", "One-Stop Officer"),
	("Received", "Primary", "One-Stop Officer"),
	("Refused", "Danger", "Ward Leader"),
	("Processing", "Warning", "Specialist"),
	("Awaiting Supplement", "Warning", "One-Stop Officer"),
	("Awaiting Payment", "Warning", "One-Stop Officer"),
	("Withdrawn", "Inverse", "Ward Leader"),
	("Stopped", "Danger", "Ward Leader"),
	("Resolved", "Success", "One-Stop Officer"),
	("Returned", "Success", "Ward Leader"),
]


# action, from, to, roles
TRANSITIONS = [
	("Receive", "Submitted Online", "Received", ["One-Stop Officer"]),
	("Refuse", "Submitted Online", "Refused", ["One-Stop Officer"]),
	("Start Processing", "Received", "Processing", ["One-Stop Officer", "Specialist"]),
	("Request Supplement", "Processing", "Awaiting Supplement", ["Specialist"]),
	("Supplement Received", "Awaiting Supplement", "Processing", ["One-Stop Officer", "Specialist"]),
	("Request Payment", "Processing", "Awaiting Payment", ["Specialist"]),
	("Payment Received", "Awaiting Payment", "Processing", ["One-Stop Officer"]),
	("Stop", "Processing", "Stopped", ["Ward Leader"]),
	("Resolve", "Processing", "Resolved", ["Ward Leader"]),
	("Return Result", "Resolved", "Returned", ["One-Stop Officer"]),
] + [("Withdraw", state, "Withdrawn", ["One-Stop Officer"]) for state in OPEN_STATES]
