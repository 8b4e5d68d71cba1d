"""The national status codes and the shipped workflow (default data) agree with docs/rules.md ("Dossier lifecycle")."""

from ward_admin.services import dossier_states as codes
from ward_admin.services.dossier_states import DEFAULT_STATES, DEFAULT_TRANSITIONS, PREVIOUS_TRANSITIONS


def test_codes_partition_the_life_of_a_dossier():
	assert set(codes.CODES) == set(range(1, 11)) == set(codes.MEANINGS)
	assert codes.CLOCK_RUNNING < codes.OPEN
	assert set(codes.PAUSES) < codes.OPEN
	assert not codes.OPEN & codes.FINAL
	assert codes.OPEN | codes.FINAL | {codes.RESOLVED} == set(codes.CODES)
	assert set(codes.ENTRY.values()) == {codes.SUBMITTED_ONLINE, codes.RECEIVED}
	assert codes.WORKED == codes.CLOCK_RUNNING | {codes.RESOLVED}


def test_is_code():
	assert all(codes.is_code(code) for code in range(1, 11))
	assert not any(codes.is_code(value) for value in (0, 11, -1, True, "4", 4.0, None))


def test_every_code_has_a_shipped_state():
	names = [state for state, _code, _style, _role in DEFAULT_STATES]
	assert len(names) == len(set(names))
	assert {code for _state, code, _style, _role in DEFAULT_STATES} == set(codes.CODES)


def test_shipped_transitions_are_those_of_the_design():
	code_of = {state: code for state, code, _style, _role in DEFAULT_STATES}
	pairs = {(action, source, target) for action, source, target, _roles in DEFAULT_TRANSITIONS}
	assert ("Receive", "Submitted Online", "Received") in pairs
	# the specialist submits the draft for signature; the leader signs or sends it back
	assert ("Submit for Signature", "Processing", "Awaiting Signature") in pairs
	assert ("Send Back", "Awaiting Signature", "Processing") in pairs
	assert ("Resolve", "Awaiting Signature", "Resolved") in pairs
	assert ("Return Result", "Resolved", "Returned") in pairs
	withdrawable = {source for action, source, _target in pairs if action == "Withdraw"}
	assert withdrawable == {state for state, code in code_of.items() if code in codes.OPEN}
	for _action, source, target, roles in DEFAULT_TRANSITIONS:
		assert source in code_of and target in code_of and roles
	resolvers = {r for a, _s, _t, roles in DEFAULT_TRANSITIONS if a == "Resolve" for r in roles}
	assert resolvers == {"Ward Leader"}


def test_the_first_releases_workflow_resolved_from_processing():
	pairs = {(action, source, target) for action, source, target, _roles in PREVIOUS_TRANSITIONS}
	assert ("Resolve", "Processing", "Resolved") in pairs
	assert not any("Awaiting Signature" in (source, target) for _a, source, target in pairs)
