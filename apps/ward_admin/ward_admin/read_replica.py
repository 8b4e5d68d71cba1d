"""Reports read from the replica, and from the primary when the replica does not answer.

With `read_from_replica` in a site's configuration (`./ward replica` sets it), Frappe runs its
`read_only` calls (report runs, list rows and counts) on the replica: `frappe.read_only` swaps
`frappe.db` for a connection to `replica_host:replica_db_port`. Frappe connects lazily, so a
replica that is down fails the report at its first query. This wrapper connects at once, and when
the replica does not answer it keeps the primary for that call, logs it and tells the reader the
report came from the primary (once per request: a request's later read-only calls stay there): a report may be a little fresher than the replica would be, it never
fails for want of the replica. Writes never go to the replica either way (it runs `read_only`).
"""

import frappe
from frappe import _

_frappe_connect_replica = None


class ReplicaUnavailable(Exception):
	pass


def connect_replica() -> bool:
	if frappe.local.flags.replica_unavailable:  # tried in this request already: stay on the primary
		return False
	try:
		switched = _frappe_connect_replica()
		if switched:
			frappe.local.db.connect()
		return switched
	except Exception as e:
		primary = getattr(frappe.local, "primary_db", None)
		if primary is not None:
			frappe.local.db = primary
		for name in ("primary_db", "replica_db"):
			if hasattr(frappe.local, name):
				delattr(frappe.local, name)
		frappe.local.flags.replica_unavailable = True
		frappe.logger("ward_admin.read_replica").warning(
			f"replica {frappe.conf.replica_host}:{frappe.conf.replica_db_port} not answering, "
			f"read from the primary: {type(e).__name__}: {e}"
		)
		frappe.msgprint(
			_("The report replica is not answering: these figures were read from the main database"),
			indicator="orange",
			alert=True,
		)
		return False


def install() -> None:
	"""Wrap Frappe's `connect_replica` (once per process)."""
	global _frappe_connect_replica
	if getattr(frappe.connect_replica, "__module__", "") == __name__:
		return
	_frappe_connect_replica = frappe.connect_replica
	frappe.connect_replica = connect_replica
