import frappe
from frappe.utils import get_datetime, getdate, nowdate

from ward_admin.indicators.rollup import rebuild


def execute():
	"""The processing time of the dossiers resolved before it was stored, then the Service Index
	rollup of the dossiers already on the site."""
	from ward_admin.one_stop.doctype.dossier.lifecycle import processing_days

	for name in frappe.get_all(
		"Dossier", filters={"resolved_at": ("is", "set"), "processing_days": 0}, pluck="name", limit=0
	):
		doc = frappe.get_doc("Dossier", name)
		frappe.db.set_value(
			"Dossier",
			name,
			"processing_days",
			processing_days(doc, get_datetime(doc.resolved_at)) or 0,
			update_modified=False,
		)
	first = frappe.db.sql(
		"select min(least(received_at, ifnull(resolved_at, received_at))) from `tabDossier`"
	)
	if first and first[0][0]:
		rebuild(getdate(first[0][0]), getdate(nowdate()))
