"""A Dossier Routing's choices -> the Assignment Rule Frappe runs: pure, no Frappe import.

A ward's admin routes dossiers without code: in the routing's form they pick the unit, the
procedure fields or the procedures, the staff and how the staff take turns. The Assignment Rule
that does the work is generated from those choices, and its condition is built here: every value
the admin picked enters the expression as a Python literal (`repr`), so a procedure field named
`x" or True or "` is compared as that text and never runs. Nothing the admin types is pasted
into the condition. The unit test in front of it is added by `ward_admin.overrides.assignment_rule`,
as for every rule of a unit-scoped doctype.
"""

from ward_admin.services.dossier_states import PROCESSING

# what the admin matches dossiers on, and the dossier field each choice compares
MATCH_FIELDS = "Procedure Field"
MATCH_PROCEDURES = "Procedures"
MATCH_ON = {MATCH_FIELDS: "procedure_field", MATCH_PROCEDURES: "procedure"}

# how the staff take turns: Frappe's Assignment Rule rules an admin may choose
ROUND_ROBIN = "Round Robin"
LOAD_BALANCING = "Load Balancing"
RULES = (ROUND_ROBIN, LOAD_BALANCING)

# the rule assigns every day of the week: the unit's working calendar, not the weekday, decides
# when a dossier is worked (compensatory Saturdays included)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# a dossier is routed when it starts processing (national status code 4)
ASSIGN_AT = PROCESSING


def assign_condition(match_by: str, values, status_code: int = ASSIGN_AT) -> str:
	"""The condition of the generated rule: the dossier is at `status_code` and its procedure
	field (or procedure version) is one of `values`."""
	if match_by not in MATCH_ON:
		raise ValueError(f"unknown match: {match_by!r}")
	if not isinstance(status_code, int) or isinstance(status_code, bool):
		raise ValueError(f"not a status code: {status_code!r}")
	chosen = sorted({str(value) for value in values if value})
	if not chosen:
		raise ValueError("nothing to match")
	return f"status_code == {status_code} and {MATCH_ON[match_by]} in {chosen!r}"


def priority(depth: int, match_by: str) -> int:
	"""The generated rule's priority (Frappe tries rules from the highest): the routing of a unit
	deeper in the tree before its parent's, and by procedures before by procedure field, so the
	most specific routing of a dossier assigns it."""
	return 2 * max(depth, 0) + (1 if match_by == MATCH_PROCEDURES else 0)


def overlaps(mine, others) -> set[str]:
	"""The values of `mine` that another routing of the same unit and kind already matches."""
	return set(mine) & set(others)
