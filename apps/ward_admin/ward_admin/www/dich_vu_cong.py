"""/dich-vu-cong: the catalogue of procedures in force, read from the desk's own catalogue
(`ward_admin.portal.catalogue`). Guest. Search without accents (`?q=khai sinh`), by field
(`?linh-vuc=`); `?thu-tuc=<name>` opens one procedure."""

import frappe
from frappe import _

from ward_admin.portal import catalogue

no_cache = 1
sitemap = 0


def get_context(context):
	frappe.local.lang = "vi"
	context.no_cache = 1
	context.title = _("Public Service Catalogue")
	form = frappe.form_dict
	context.q = str(form.get("q") or "").strip()[:100]
	context.field = str(form.get("linh-vuc") or "").strip()[:140]
	context.fields = catalogue.fields()
	context.units = catalogue.receiving_units()
	rows = catalogue.procedures_in_force(context.q, context.field or None)
	context.procedures = [catalogue.describe(row) for row in rows]
	context.opened = str(form.get("thu-tuc") or "")
	return context
