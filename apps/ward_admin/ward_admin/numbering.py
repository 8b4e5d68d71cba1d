"""Gap-free counters shared by the app's numbered records (dossier codes, receipt numbers).

One implementation: a row of Frappe's `tabSeries` per counter, incremented by an upsert that
returns the new value. The row stays locked by the transaction until it commits, so concurrent
issuers of one counter queue behind each other, and an issue that is rolled back gives its
number back: numbers never collide and never skip.
"""

import frappe


def next_sequence(key: str) -> int:
	"""The next number of the counter `key` (from 1), gap-free and unique under concurrency."""
	# One round trip: MariaDB (>= 10.5) returns the counter's new value from the upsert itself;
	# frappe.qb cannot express RETURNING.
	return frappe.db.sql(
		"""INSERT INTO `tabSeries` (`name`, `current`) VALUES (%s, 1)
		ON DUPLICATE KEY UPDATE `current` = `current` + 1
		RETURNING `current`""",
		key,
	)[0][0]
