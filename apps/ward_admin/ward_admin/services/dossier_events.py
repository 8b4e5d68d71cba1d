"""What other modules read of a dossier's life, without reading the dossier module itself.

Pure Python (no Frappe import): it reads the dossier document it is given.

- `current_assignee(doc)`: who holds the dossier now, the first user of its assignments
  (Frappe keeps them in `_assign`, a JSON list).
"""

import json


def current_assignee(doc) -> str | None:
	assigned = doc.get("_assign") or "[]"
	if isinstance(assigned, str):
		assigned = json.loads(assigned)
	return assigned[0] if assigned else None
