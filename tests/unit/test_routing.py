"""A routing's choices become an Assignment Rule condition built by code, and the worklist's
holders follow the workflow (ward_admin.services.routing, ward_admin.services.worklist)."""

import ast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ward_admin.services import routing, worklist
from ward_admin.services.dossier_states import DEFAULT_STATES, DEFAULT_TRANSITIONS

LITERALS = (ast.Constant, ast.List, ast.Load)
ALLOWED = (ast.Expression, ast.BoolOp, ast.And, ast.Compare, ast.Eq, ast.In, ast.Name, *LITERALS)


def evaluate(condition: str, **doc) -> bool:
	"""The condition as Frappe's rule evaluates it: names are the dossier's fields."""
	return eval(compile(condition, "<condition>", "eval"), {"__builtins__": {}}, doc)


@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=6), st.text(max_size=30))
def test_any_chosen_text_is_compared_never_run(values, other):
	condition = routing.assign_condition(routing.MATCH_FIELDS, values)
	tree = ast.parse(condition, mode="eval")
	assert all(isinstance(node, ALLOWED) for node in ast.walk(tree)), condition
	assert {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)} == {
		"status_code",
		"procedure_field",
	}
	for value in values:
		assert evaluate(condition, status_code=4, procedure_field=value)
		assert not evaluate(condition, status_code=5, procedure_field=value)
	assert evaluate(condition, status_code=4, procedure_field=other) == (other in values)


def test_condition_of_procedures_and_fields():
	assert (
		routing.assign_condition(routing.MATCH_FIELDS, ["Hộ tịch", "Chứng thực", "Hộ tịch"])
		== "status_code == 4 and procedure_field in ['Chứng thực', 'Hộ tịch']"
	)
	assert (
		routing.assign_condition(routing.MATCH_PROCEDURES, ["1.004873-V2", "1.004873-V1"])
		== "status_code == 4 and procedure in ['1.004873-V1', '1.004873-V2']"
	)
	injection = 'x" or True or "'
	condition = routing.assign_condition(routing.MATCH_FIELDS, [injection])
	assert not evaluate(condition, status_code=4, procedure_field="Hộ tịch")


@pytest.mark.parametrize(
	"args",
	[
		("Procedure Field", []),
		("Procedure Field", [None, ""]),
		("Status", ["x"]),
		("Procedure Field", ["x"], True),
	],
)
def test_nothing_to_match_is_refused(args):
	with pytest.raises(ValueError):
		routing.assign_condition(*args)


def test_the_most_specific_routing_goes_first():
	ward_field = routing.priority(1, routing.MATCH_FIELDS)
	ward_procedures = routing.priority(1, routing.MATCH_PROCEDURES)
	province_procedures = routing.priority(0, routing.MATCH_PROCEDURES)
	assert ward_procedures > ward_field > province_procedures > routing.priority(0, routing.MATCH_FIELDS)


# ---------------------------------------------------------------- who holds a dossier

CODE = {state: code for state, code, _style, _role in DEFAULT_STATES}
EDITOR = {state: role for state, _code, _style, role in DEFAULT_STATES}
TRANSITIONS = [
	(source, CODE[target], role) for _action, source, target, roles in DEFAULT_TRANSITIONS for role in roles
]


def holders(state: str) -> frozenset[str]:
	return worklist.holder_roles(state, CODE[state], EDITOR[state], TRANSITIONS)


def test_the_shipped_workflow_s_holders():
	assert {state: holders(state) for state in CODE} == {
		"Submitted Online": {"One-Stop Officer"},
		"Received": {"One-Stop Officer", "Specialist"},
		"Processing": {"Specialist"},  # the leader may stop it, the officer withdraw it: not theirs
		"Awaiting Signature": {"Ward Leader"},
		"Awaiting Supplement": frozenset(),  # the citizen owes the supplement
		"Awaiting Payment": frozenset(),
		"Refused": frozenset(),
		"Withdrawn": frozenset(),
		"Stopped": frozenset(),
		"Resolved": {"One-Stop Officer"},
		"Returned": frozenset(),
	}


def test_a_state_an_admin_adds_is_held_by_whoever_works_it():
	transitions = [*TRANSITIONS, ("Legal Review", 4, "Legal Officer"), ("Processing", 4, "Specialist")]
	assert worklist.holder_roles("Legal Review", 4, "Legal Officer", transitions) == {"Legal Officer"}
	assert worklist.holds(["Specialist", "Employee"], "Processing", 4, "Specialist", transitions)
	assert not worklist.holds(["Specialist"], "Legal Review", 4, "Legal Officer", transitions)
	assert worklist.holder_roles("New", None, "Specialist", transitions) == frozenset()
