from collections import defaultdict

import frappe
from frappe.utils import getdate, nowdate

from ward_admin.indicators.rollup import rebuild
from ward_admin.services import working_time
from ward_admin.ward_setup.doctype.working_calendar.deadlines import calendar_of_unit, get_engine_calendar

CHUNK = 20_000


def execute():
	"""The processing time of the dossiers resolved before it was stored, then the Service Index
	rollup of the dossiers already on the site. Set-based: a province's million dossiers are read
	in chunks and written through a temporary table, never loaded as documents."""
	backfill_processing_days()
	first = frappe.db.sql(
		"select min(least(received_at, ifnull(resolved_at, received_at))) from `tabDossier`"
	)
	if first and first[0][0]:
		rebuild(getdate(first[0][0]), getdate(nowdate()))


def backfill_processing_days() -> None:
	calendars = {}
	frappe.db.commit()  # a temporary table's DDL must not end a transaction implicitly
	frappe.db.sql("drop temporary table if exists `_ward_processing_days`")
	frappe.db.sql(
		"create temporary table `_ward_processing_days` (name varchar(140) primary key, days decimal(21,9))"
	)
	last = ""
	while True:
		rows = frappe.db.sql(
			"""select name, administrative_unit, received_at, resolved_at from `tabDossier`
			where resolved_at is not null and received_at is not null and processing_days = 0 and name > %s
			order by name limit %s""",
			(last, CHUNK),
			as_dict=True,
		)
		if not rows:
			break
		last = rows[-1].name
		pauses = defaultdict(list)
		for parent, started, ended in frappe.db.sql(
			"""select parent, started_at, ended_at from `tabDossier Pause`
			where parenttype = 'Dossier' and parent in %s""",
			[tuple(row.name for row in rows)],
		):
			pauses[parent].append((started, ended))
		values = []
		for row in rows:
			unit = row.administrative_unit
			if unit not in calendars:
				calendars[unit] = get_engine_calendar(calendar_of_unit(unit))
			days = working_time.processing_days(
				calendars[unit], row.received_at, row.resolved_at, pauses[row.name]
			)
			if days:
				values.append((row.name, days))
		for start in range(0, len(values), 2000):
			chunk = values[start : start + 2000]
			frappe.db.sql(
				"insert into `_ward_processing_days` (name, days) values "
				+ ", ".join(["(%s, %s)"] * len(chunk)),
				[value for pair in chunk for value in pair],
			)
	frappe.db.sql(
		"""update `tabDossier` d join `_ward_processing_days` p on p.name = d.name
		set d.processing_days = p.days"""
	)
	# the temporary table goes with the connection (dropping it now would commit implicitly)
