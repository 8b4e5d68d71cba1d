"""The workflow data agrees with the national status codes and the actions of design §4."""

from ward_admin.services.dossier_states import OPEN_STATES, STATES, STATUS_CODES, TRANSITIONS


def test_every_state_has_its_national_code():
	assert [state for state, _style, _role in STATES] == list(STATUS_CODES)
	assert sorted(STATUS_CODES.values()) == list(range(1, 11))


def test_transitions_are_those_of_the_design():
	pairs = {(action, source, target) for action, source, target, _roles in TRANSITIONS}
	assert ("Receive", "Submitted Online", "Received") in pairs
	assert ("Resolve", "Processing", "Resolved") in pairs
	assert ("Return Result", "Resolved", "Returned") in pairs
	assert {source for action, source, _t in pairs if action == "Withdraw"} == set(OPEN_STATES)
	for _action, source, target, roles in TRANSITIONS:
		assert source in STATUS_CODES and target in STATUS_CODES and roles
