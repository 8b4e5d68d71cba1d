"""Who holds a dossier in a state of its workflow: pure, no Frappe import.

A staff member's worklist is the dossiers they hold now. Their task (Frappe's ToDo) closes when
the dossier leaves their hands and opens again when it comes back, whatever assigned it (a
routing or the sidebar's "Assign To"). Holding follows the workflow an admin shapes, never a
state's name:

- nobody holds a dossier that waits for the citizen (a supplement, a payment: codes 5 and 6) or
  that is over (refused, withdrawn, stopped, returned: 3, 7, 8, 10);
- otherwise its holders are the role that edits it in that state ("Only Allow Edit For") and the
  roles that may move it on, except by ending it early (refusing, withdrawing, stopping: the
  officer may withdraw and the leader stop any open dossier, which does not make it theirs).

So with the shipped workflow the specialist holds a dossier while it is received or processing,
the leader while it awaits the signature (a state of code 4 that the leader edits), the officer
once it is resolved and until the result is returned.
"""

from ward_admin.services.dossier_states import FINAL, PAUSES, REFUSED, STOPPED, WITHDRAWN

# moving a dossier to a state of these codes ends it early: anyone's right, nobody's work
ENDINGS = frozenset({REFUSED, WITHDRAWN, STOPPED})


def holder_roles(state: str, code: int | None, editor: str | None, transitions) -> frozenset[str]:
	"""The roles that hold a dossier in `state` (of national status `code`), edited in that state
	by the role `editor`; `transitions` are the workflow's (source state, target code, role)."""
	if code is None or code in PAUSES or code in FINAL:
		return frozenset()
	roles = {editor} if editor else set()
	roles.update(
		role for source, target, role in transitions if source == state and role and target not in ENDINGS
	)
	return frozenset(roles)


def holds(user_roles, state: str, code: int | None, editor: str | None, transitions) -> bool:
	return bool(set(user_roles) & holder_roles(state, code, editor, transitions))
