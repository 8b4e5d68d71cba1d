"""The places where the app wraps a Frappe function, installed explicitly and deterministically.

- `ward_admin.permissions.queries` wraps `DatabaseQuery.prepare_args`: no list query may name a
  personal-data column its reader cannot read.
- `ward_admin.workflow_actions` wraps Frappe's Workflow Action bookkeeping, skipped for a
  workflow that asks nobody to act (half of a dossier's receipt otherwise).
- `ward_admin.one_stop.worklist` wraps the assignment rules' reopening of closed tasks, which
  leaves dossiers alone: their tasks follow who holds them.

Frappe has no "app loaded" hook. hooks.py runs `install` first in every request and background
job (`before_request`, `before_job`); the command-line entry points that save dossiers (the
demo loader, the benchmarks, the tests' conftest) call it themselves. Installing twice changes
nothing, and a test fails if Frappe stops calling a wrapped function.
"""


def install() -> None:
	from ward_admin import workflow_actions
	from ward_admin.one_stop import worklist
	from ward_admin.permissions import queries

	queries.install()
	workflow_actions.install()
	worklist.install()
