# Copyright (c) 2026, ward_admin developers and contributors
# For license information, please see license.txt

"""Dossier Register (form 07, "Sổ theo dõi hồ sơ"): the dossiers received in the period in a unit
and the units under it, in order of receipt, with what the register records: code, procedure,
applicant, receipt, appointment, result and return, and whether the result came early, on time or
late. Through `frappe.get_list`, so the reader sees their own units only, and the applicant's
address and phone only when their role may read personal data. The A4 form itself, with the
unit's header, is printed by `register_print`."""

import frappe
from frappe import _
from frappe.query_builder.functions import Min
from frappe.utils import add_days, getdate, nowdate

from ward_admin.permissions.scope import hidden_fields
from ward_admin.ward_setup.doctype.administrative_unit import unit_tree

FIELDS = [
	"name",
	"procedure",
	"applicant_name",
	"applicant_address",
	"applicant_phone",
	"channel",
	"received_at",
	"appointment_at",
	"resolved_at",
	"returned_at",
	"timeliness",
	"status",
	"administrative_unit",
]


def execute(filters: dict | None = None):
	rows, personal = register_rows(filters)
	return columns(personal), rows, None, chart(rows)


def register_rows(filters: dict | None, lang: str | None = None) -> tuple[list[dict], bool]:
	"""The register's lines for `filters`, numbered, and whether they carry personal data; states,
	channels and timeliness in `lang` (the reader's language by default)."""
	filters = frappe._dict(filters or {})
	to_date = getdate(filters.to_date or nowdate())
	from_date = getdate(filters.from_date or to_date.replace(day=1))
	conditions = [["received_at", ">=", from_date], ["received_at", "<", add_days(to_date, 1)]]
	if filters.administrative_unit:
		conditions.append(
			["administrative_unit", "in", unit_tree.descendants(filters.administrative_unit) or [""]]
		)
	if filters.procedure_field:
		conditions.append(["procedure_field", "=", filters.procedure_field])
	hidden = hidden_fields("Dossier")
	fields = [field for field in FIELDS if field not in hidden]
	rows = frappe.get_list(
		"Dossier",
		filters=conditions,
		fields=fields,
		order_by="received_at asc, name asc",
		limit_page_length=0,
	)
	names = dict(
		frappe.get_all(
			"Administrative Procedure",
			filters={"name": ("in", list({row.procedure for row in rows}) or [""])},
			fields=["name", "procedure_name"],
			as_list=True,
		)
	)
	forwarded = forwarded_at([row.name for row in rows])
	for number, row in enumerate(rows, start=1):
		row["number"] = number
		row["procedure_name"] = names.get(row.procedure, row.procedure)
		row["forwarded_at"] = forwarded.get(row.name)
		row["channel"] = _(row.channel, lang=lang) if row.get("channel") else ""
		row["timeliness"] = _(row.timeliness, lang=lang) if row.get("timeliness") else ""
		row["status"] = _(row.status, lang=lang) if row.get("status") else ""
	return rows, "applicant_address" not in hidden


def forwarded_at(names: list[str]) -> dict[str, object]:
	"""{dossier: when it went to the processing body}: the start of its first step after the
	reception (as form 06 and the single dossier's form 07 print it)."""
	step = frappe.qb.DocType("Dossier Step")
	found = {}
	for start in range(0, len(names), 1000):
		found.update(
			frappe.qb.from_(step)
			.select(step.parent, Min(step.started_at))
			.where(
				(step.parenttype == "Dossier")
				& step.parent.isin(names[start : start + 1000])
				& (step.idx > 1)
				& step.started_at.isnotnull()
			)
			.groupby(step.parent)
			.run()
		)
	return found


def columns(with_personal: bool) -> list[dict]:
	def col(fieldname, label, fieldtype="Data", width=120, **kw):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width, **kw}

	return [
		col("number", _("No."), "Int", 60),
		col("name", _("Dossier Code"), "Link", 190, options="Dossier"),
		col("procedure_name", _("Procedure"), "Data", 240),
		col("applicant_name", _("Applicant Name"), "Data", 170),
		*(
			[
				col("applicant_address", _("Address"), "Data", 200),
				col("applicant_phone", _("Phone"), "Data", 110),
			]
			if with_personal
			else []
		),
		col("channel", _("Channel"), "Data", 90),
		col("received_at", _("Received At"), "Datetime", 140),
		col("appointment_at", _("Appointment At"), "Datetime", 140),
		col("forwarded_at", _("Forwarded At"), "Datetime", 140),
		col("resolved_at", _("Resolved At"), "Datetime", 140),
		col("returned_at", _("Returned At"), "Datetime", 140),
		col("timeliness", _("Timeliness"), "Data", 100),
		col("status", _("Status"), "Data", 130),
	]


def chart(rows: list[dict]) -> dict | None:
	if not rows:
		return None
	days = sorted({getdate(row.received_at) for row in rows})
	return {
		"data": {
			"labels": [frappe.format(day, "Date") for day in days],
			"datasets": [
				{
					"name": _("Dossiers Received"),
					"values": [sum(1 for row in rows if getdate(row.received_at) == day) for day in days],
				}
			],
		},
		"type": "bar",
	}
