"""The procedure catalogue: effective-dated versions of administrative procedures.

A change in law creates a new version of a procedure (same code, version + 1, its own
effective dates); the previous version ends the day before. A dossier keeps the version it was
received under, so its time limit and fee never change under it.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Max
from frappe.utils import add_days, getdate, nowdate

from ward_admin import arguments


class NoVersionInForceError(frappe.ValidationError):
	"""No enabled version of a procedure code is in force on a day."""


class InvalidVersionError(frappe.ValidationError):
	"""A new version that would not take effect after the current one."""


def get_effective_procedure(procedure_code: str, on_date=None) -> str:
	"""The name of the enabled version of `procedure_code` in force on `on_date` (default today)."""
	on_date = getdate(on_date or nowdate())
	procedure = frappe.qb.DocType("Administrative Procedure")
	rows = (
		frappe.qb.from_(procedure)
		.select(procedure.name)
		.where(
			(procedure.procedure_code == procedure_code)
			& (procedure.enabled == 1)
			& (procedure.effective_from <= on_date)
			& (procedure.effective_to.isnull() | (procedure.effective_to >= on_date))
		)
		.orderby(procedure.version, order=frappe.qb.desc)
		.limit(1)
	).run()
	if not rows:
		frappe.throw(
			_("No version of procedure {0} is in force on {1}").format(
				frappe.bold(procedure_code), frappe.format(on_date, "Date")
			),
			exc=NoVersionInForceError,
			title=_("Procedure Not in Force"),
		)
	return rows[0][0]


def next_version(procedure_code: str) -> int:
	procedure = frappe.qb.DocType("Administrative Procedure")
	(latest,) = (
		frappe.qb.from_(procedure)
		.select(Max(procedure.version))
		.where(procedure.procedure_code == procedure_code)
	).run()[0]
	return (latest or 0) + 1


def overlapping_versions(doc) -> list[str]:
	"""Other versions of the same code whose effective dates overlap `doc`'s."""
	procedure = frappe.qb.DocType("Administrative Procedure")
	query = (
		frappe.qb.from_(procedure)
		.select(procedure.name)
		.where(
			(procedure.procedure_code == doc.procedure_code)
			& (procedure.name != (doc.name or ""))
			& (procedure.effective_to.isnull() | (procedure.effective_to >= doc.effective_from))
		)
	)
	if doc.effective_to:
		query = query.where(procedure.effective_from <= doc.effective_to)
	return [row[0] for row in query.run()]


@frappe.whitelist(methods=["POST"])
def make_new_version(procedure: str, effective_from: str) -> str:
	"""Copy `procedure` into its next version, in force from `effective_from`; the old one ends the day before."""
	frappe.has_permission("Administrative Procedure", "create", throw=True)
	current = frappe.get_doc("Administrative Procedure", procedure)
	current.check_permission("write")
	effective_from = arguments.date_value(effective_from, _("Effective From"))
	if effective_from <= getdate(current.effective_from):
		frappe.throw(
			_("The new version must take effect after {0}, when version {1} took effect").format(
				frappe.format(current.effective_from, "Date"), current.version
			),
			exc=InvalidVersionError,
			title=_("Invalid Effective Date"),
		)

	current.effective_to = add_days(effective_from, -1)
	current.save()

	new = frappe.copy_doc(current)
	new.version = next_version(current.procedure_code)
	new.effective_from = effective_from
	new.effective_to = None
	new.supersedes = current.name
	new.insert()
	return new.name
