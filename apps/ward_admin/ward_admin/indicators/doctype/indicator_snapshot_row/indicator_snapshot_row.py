# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class IndicatorSnapshotRow(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		administrative_unit: DF.Link | None
		avg_processing_days: DF.Float
		avg_rating: DF.Float
		digitization_rate: DF.Percent
		digitized: DF.Int
		fee_dossiers: DF.Int
		on_time_rate: DF.Percent
		online_payment_rate: DF.Percent
		online_receipt_rate: DF.Percent
		paid_online: DF.Int
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		rank: DF.Int
		ratings_count: DF.Int
		received: DF.Int
		received_online: DF.Int
		resolved: DF.Int
		resolved_on_time: DF.Int
		score: DF.Float
		sync_dossiers: DF.Int
		sync_rate: DF.Percent
		synced: DF.Int
	# end: auto-generated types
	pass
