"""The fees' part of the national service indicators (design §4): online-payment rate = dossiers
paid online ÷ dossiers with a fee, counted in the period the dossiers were received.

Both numbers are returned, not only the rate, so reports can sum them over units.
"""

import frappe
from frappe.query_builder.functions import Count
from frappe.utils import add_days, getdate


def payment_counts(units: list[str], from_date, to_date) -> dict:
	"""{fee_dossiers, paid_online, online_payment_rate (percent, 2 decimals)} of dossiers of
	`units` received from `from_date` to `to_date` (inclusive)."""
	dossier, receipt = frappe.qb.DocType("Dossier"), frappe.qb.DocType("Fee Receipt")
	start, end = getdate(from_date), add_days(getdate(to_date), 1)
	with_fee = (
		(dossier.administrative_unit.isin(units))
		& (dossier.received_at >= start)
		& (dossier.received_at < end)
		& (dossier.fee_amount > 0)
	)
	fee_dossiers = frappe.qb.from_(dossier).select(Count("*")).where(with_fee).run()[0][0]
	paid_online = (
		frappe.qb.from_(dossier)
		.select(Count(dossier.name).distinct())
		.join(receipt)
		.on(receipt.dossier == dossier.name)
		.where(with_fee & (receipt.payment_channel == "Online") & (receipt.docstatus == 1))
	).run()[0][0]
	return {
		"fee_dossiers": fee_dossiers,
		"paid_online": paid_online,
		"online_payment_rate": round(100 * paid_online / fee_dossiers, 2) if fee_dossiers else 0.0,
	}
