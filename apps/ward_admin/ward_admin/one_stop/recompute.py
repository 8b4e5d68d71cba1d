"""When a calendar changes, open dossiers' legal due times follow (docs/rules.md, "Working time").

Working Calendar and Holiday List (ward_setup) call `on_calendar_change` through hooks.py
doc_events; the dossiers of the units on that calendar are recomputed in a background job. The
`appointment_at` printed on a citizen's slip is not touched.
"""

import frappe
from frappe.query_builder import Order
from frappe.utils import get_datetime, now_datetime

from ward_admin.one_stop import assignments
from ward_admin.one_stop.doctype.dossier import control_sheet
from ward_admin.one_stop.doctype.dossier.legal_clock import compute_due
from ward_admin.services import dossier_states as codes
from ward_admin.ward_setup.doctype.working_calendar import deadlines


def recompute_open_dossiers(calendar: str) -> int:
	"""After a calendar change: recompute `due_at` of the running dossiers of the units using it,
	and the due times of their steps not yet done."""
	units = frappe.get_all("Administrative Unit", filters={"working_calendar": calendar}, pluck="name")
	if not units:
		return 0
	dossier = frappe.qb.DocType("Dossier")
	names = (
		frappe.qb.from_(dossier)
		.select(dossier.name)
		.where(
			dossier.administrative_unit.isin(units) & dossier.status_code.isin(sorted(codes.CLOCK_RUNNING))
		)
		.orderby(dossier.received_at, order=Order.asc)
	).run(pluck=True)
	changed = 0
	now = now_datetime()
	for name in names:
		doc = frappe.get_doc("Dossier", name)
		due_at = compute_due(doc, now)
		if not due_at or get_datetime(doc.due_at) == due_at:
			continue
		frappe.db.set_value("Dossier", name, "due_at", due_at, update_modified=False)
		doc.due_at = due_at
		for row in control_sheet.update_due_times(doc, now):
			frappe.db.set_value("Dossier Step", row.name, "due_at", row.due_at, update_modified=False)
		assignments.refresh_todos(doc)
		changed += 1
	return changed


def on_calendar_change(doc, method=None) -> None:
	"""doc_events of Working Calendar and Holiday List: queue the recomputation."""
	calendars = (
		[doc.name]
		if doc.doctype == "Working Calendar"
		else frappe.get_all("Working Calendar", filters={"holiday_list": doc.name}, pluck="name")
	)
	for calendar in calendars:
		deadlines.calendar_changed(calendar)
		frappe.enqueue(
			"ward_admin.one_stop.recompute.recompute_open_dossiers",
			calendar=calendar,
			queue="long",
			enqueue_after_commit=True,
			job_id=f"ward_admin:recompute:{calendar}",
			deduplicate=True,
			now=frappe.flags.in_test,  # tests see the effect without a worker
		)
