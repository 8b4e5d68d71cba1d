"""Fee Reconciliation: per unit and period, receipts issued - cancelled = what the books credit.

For each unit: the receipts issued in the period, those of them since cancelled or replaced, the
net, and the credit of the company's fee income account posted by those receipts' Journal Entries
(ERPNext's GL, cancelled entries left out). A difference means the books and the receipts disagree
(an entry cancelled or edited by hand in accounting): the row says so. Entries on a fee income
account that no receipt posted (made by hand in accounting) get a row of their own per company:
they are a difference by themselves.
"""

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Sum
from frappe.utils import add_days, get_first_day, getdate, today

from ward_admin.fees.report.units import readable_units


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	from_date = getdate(filters.from_date or get_first_day(today()))
	to_date = getdate(filters.to_date or today())
	units = readable_units(filters.administrative_unit)
	rows = reconcile(units, from_date, to_date)
	return columns(), rows, None, None, summary(rows)


def reconcile(units: list[str] | None, from_date, to_date) -> list[dict]:
	receipt = frappe.qb.DocType("Fee Receipt")
	period = (
		(receipt.docstatus != 0)
		& (receipt.issued_at >= from_date)
		& (receipt.issued_at < add_days(to_date, 1))
	)
	if units is not None:
		if not units:
			return []
		period &= receipt.administrative_unit.isin(units)
	issued = (
		frappe.qb.from_(receipt)
		.select(
			receipt.administrative_unit,
			receipt.company,
			Count("*").as_("receipts"),
			Sum(receipt.amount).as_("issued"),
		)
		.where(period)
		.groupby(receipt.administrative_unit, receipt.company)
	).run(as_dict=True)
	cancelled = dict(
		(
			frappe.qb.from_(receipt)
			.select(receipt.administrative_unit, Sum(receipt.amount))
			.where(period & (receipt.docstatus == 2))
			.groupby(receipt.administrative_unit)
		).run()
	)
	credited = dict(booked(period, from_date, to_date))
	companies = sorted({row.company for row in issued if row.company})
	rows = []
	for row in sorted(issued, key=lambda r: r.administrative_unit):
		unit = row.administrative_unit
		net = int(row.issued or 0) - int(cancelled.get(unit) or 0)
		books = int(credited.get(unit) or 0)
		rows.append(
			{
				"administrative_unit": unit,
				"company": row.company,
				"receipts": row.receipts,
				"issued": int(row.issued or 0),
				"cancelled": int(cancelled.get(unit) or 0),
				"net": net,
				"credited": books,
				"difference": books - net,
				"result": _("Matches") if books == net else _("Does not match"),
			}
		)
	for company, amount in unlinked(companies, from_date, to_date):
		if amount:
			rows.append(
				{
					"administrative_unit": None,
					"company": company,
					"receipts": 0,
					"issued": 0,
					"cancelled": 0,
					"net": 0,
					"credited": int(amount),
					"difference": int(amount),
					"result": _("Entries without a receipt"),
				}
			)
	return rows


def unlinked(companies: list[str], from_date, to_date) -> list[tuple[str, float]]:
	"""Per company: credit - debit on its fee income account by entries no receipt posted."""
	if not companies:
		return []
	gl, entry = frappe.qb.DocType("GL Entry"), frappe.qb.DocType("Journal Entry")
	settings = frappe.qb.DocType("Fee Settings")
	return (
		frappe.qb.from_(gl)
		.join(settings)
		.on((settings.company == gl.company) & (settings.fee_income_account == gl.account))
		.left_join(entry)
		.on((gl.voucher_type == "Journal Entry") & (gl.voucher_no == entry.name))
		.select(gl.company, Sum(gl.credit - gl.debit))
		.where(
			gl.company.isin(companies)
			& (gl.is_cancelled == 0)
			& (gl.posting_date >= from_date)
			& (gl.posting_date <= to_date)
			& entry.fee_receipt.isnull()
		)
		.groupby(gl.company)
	).run()


def booked(period, from_date, to_date) -> list[tuple[str, float]]:
	"""Per unit: credit - debit on each company's fee income account posted by the receipts."""
	receipt, entry = frappe.qb.DocType("Fee Receipt"), frappe.qb.DocType("Journal Entry")
	gl, settings = frappe.qb.DocType("GL Entry"), frappe.qb.DocType("Fee Settings")
	return (
		frappe.qb.from_(gl)
		.join(entry)
		.on((gl.voucher_type == "Journal Entry") & (gl.voucher_no == entry.name))
		.join(receipt)
		.on(receipt.name == entry.fee_receipt)
		.join(settings)
		.on((settings.company == gl.company) & (settings.fee_income_account == gl.account))
		.select(receipt.administrative_unit, Sum(gl.credit - gl.debit))
		.where(period & (gl.is_cancelled == 0))
		.groupby(receipt.administrative_unit)
	).run()


def columns() -> list[dict]:
	money = {"fieldtype": "Currency", "options": "VND", "width": 140}
	return [
		{
			"fieldname": "administrative_unit",
			"label": _("Administrative Unit"),
			"fieldtype": "Link",
			"options": "Administrative Unit",
			"width": 200,
		},
		{
			"fieldname": "company",
			"label": _("Company"),
			"fieldtype": "Link",
			"options": "Company",
			"width": 180,
		},
		{"fieldname": "receipts", "label": _("Receipts"), "fieldtype": "Int", "width": 90},
		{"fieldname": "issued", "label": _("Issued"), **money},
		{"fieldname": "cancelled", "label": _("Cancelled or Replaced"), **money},
		{"fieldname": "net", "label": _("Issued − Cancelled"), **money},
		{"fieldname": "credited", "label": _("Fee Account Credit"), **money},
		{"fieldname": "difference", "label": _("Difference"), **money},
		{"fieldname": "result", "label": _("Result"), "fieldtype": "Data", "width": 130},
	]


def summary(rows: list[dict]) -> list[dict]:
	off = [row for row in rows if row["difference"]]
	return [
		{"label": _("Units"), "value": len(rows), "datatype": "Int", "indicator": "blue"},
		{
			"label": _("Units that do not match"),
			"value": len(off),
			"datatype": "Int",
			"indicator": "red" if off else "green",
		},
	]
