"""The fees' part of the national service indicators (docs/rules.md, "Indicators"):
online-payment rate = dossiers paid online ÷ dossiers with a fee, counted in the period the
dossiers were received.

This module is the one definition of both numbers. The Service Index's rollup
(`ward_admin.indicators.rollup`) counts them with `has_fee` and `paid_online_dossiers`;
`payment_counts` gives them for a set of units and a period straight from the dossiers.

- A dossier *has a fee* when its fee is above zero and it is not exempt.
- It is *paid online* when an issued Online Fee Receipt of it stands (submitted, neither
  cancelled nor replaced).
"""

import frappe
from frappe.query_builder.functions import Coalesce, Count
from frappe.utils import add_days, getdate


def has_fee(dossier):
	"""Criterion on a Dossier table: the dossier has a fee to pay."""
	return (dossier.fee_amount > 0) & (Coalesce(dossier.fee_exempt, 0) == 0)


def paid_online_dossiers():
	"""Sub-query: the names of the dossiers paid online."""
	receipt = frappe.qb.DocType("Fee Receipt")
	return (
		frappe.qb.from_(receipt)
		.select(receipt.dossier)
		.distinct()
		.where(
			(receipt.docstatus == 1) & (receipt.status == "Issued") & (receipt.payment_channel == "Online")
		)
	)


def payment_counts(units: list[str], from_date, to_date) -> dict:
	"""{fee_dossiers, paid_online, online_payment_rate (percent, 2 decimals)} of dossiers of
	`units` received from `from_date` to `to_date` (inclusive)."""
	dossier = frappe.qb.DocType("Dossier")
	start, end = getdate(from_date), add_days(getdate(to_date), 1)
	with_fee = (
		dossier.administrative_unit.isin(units)
		& (dossier.received_at >= start)
		& (dossier.received_at < end)
		& has_fee(dossier)
	)
	fee_dossiers = frappe.qb.from_(dossier).select(Count("*")).where(with_fee).run()[0][0]
	paid_online = (
		frappe.qb.from_(dossier)
		.select(Count("*"))
		.where(with_fee & dossier.name.isin(paid_online_dossiers()))
		.run()[0][0]
	)
	return {
		"fee_dossiers": fee_dossiers,
		"paid_online": paid_online,
		"online_payment_rate": round(100 * paid_online / fee_dossiers, 2) if fee_dossiers else 0.0,
	}
