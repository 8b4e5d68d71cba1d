"""The synthetic province's dossiers, as rows: made by a forked producer from the plan, inserted in
bulk by this process, with the series counters of their days; and their deletion, per unit."""

from __future__ import annotations

import json
import multiprocessing
import random
import time
import traceback
from bisect import bisect
from datetime import datetime, timedelta
from itertools import accumulate

import frappe
from frappe import _
from frappe.query_builder import CustomFunction
from frappe.utils import update_progress_bar
from pymysql.converters import escape_item
from pypika.terms import Values

from synthetic.people import FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES
from synthetic.plan import (
	DEFAULT_CHANNELS,
	DIGITIZED_SHARE,
	EARLY_SHARE,
	HOUR_US,
	LATE_SHARE,
	LATER_PROCESSING_SHARE,
	OTHER_CODES,
	OVERDUE_SHARE,
	RECEIVED_SHARE,
	TABLES,
	US,
	Plan,
	Procedure,
	SyntheticProvinceError,
	Unit,
)
from ward_admin.one_stop.doctype.dossier import control_sheet
from ward_admin.services import dossier_states as codes
from ward_admin.services import working_time
from ward_admin.services.citizen_id import PROVINCE_CODES
from ward_admin.services.fees import compute_fee

SUPPLEMENT_REQUESTS = (
	"Bổ sung bản sao Giấy khai sinh",
	"Bổ sung giấy tờ chứng minh nơi cư trú",
	"Tờ khai chưa có chữ ký của người yêu cầu",
	"Bổ sung văn bản ủy quyền có chứng thực",
)
REFUSAL_REASONS = (
	"Thủ tục không thuộc thẩm quyền giải quyết của UBND cấp xã",
	"Hồ sơ nộp trùng với hồ sơ đang giải quyết",
	"Giấy tờ nộp kèm không đọc được, đề nghị nộp lại",
)
STOP_REASONS = (
	"Người yêu cầu không bổ sung hồ sơ trong thời hạn",
	"Người yêu cầu đề nghị dừng giải quyết",
)


# ---------------------------------------------------------------- bulk insertion


def insert_dossiers(plan: Plan, progress: bool = True) -> dict:
	"""Insert the plan's dossiers: a forked producer makes the SQL, this process inserts and commits."""
	context = multiprocessing.get_context("fork")
	reader, writer = context.Pipe(duplex=False)
	producer = context.Process(target=_produce, args=(plan, writer), daemon=True)
	producer.start()
	writer.close()
	inserted, series, db_seconds, wait_seconds = 0, [], 0.0, 0.0
	if progress and plan.total:
		update_progress_bar("Dossiers", -1, plan.total)
	try:
		while True:
			waited = time.monotonic()
			try:
				message = reader.recv()
			except EOFError:
				frappe.throw(_("The dossier generator stopped without finishing"), exc=SyntheticProvinceError)
			wait_seconds += time.monotonic() - waited
			kind = message[0]
			if kind == "error":
				frappe.throw(
					_("The dossier generator failed:") + f"\n{message[1]}", exc=SyntheticProvinceError
				)
			if kind == "done":
				stats = message[1]
				break
			if kind == "series":
				series.extend(message[1])
				continue
			_kind, table, values_sql, dossier_count = message
			t0 = time.monotonic()
			columns = ", ".join(f"`{c}`" for c in plan.columns[table][0])
			frappe.db.sql(f"insert into `tab{table}` ({columns}) values {values_sql}")
			frappe.db.commit()
			db_seconds += time.monotonic() - t0
			if dossier_count:
				inserted += dossier_count
				if progress:
					update_progress_bar("Dossiers", inserted - 1, plan.total)
	finally:
		producer.join(timeout=5)
		if producer.is_alive():
			producer.terminate()
	if progress and plan.total:
		print(flush=True)
	t0 = time.monotonic()
	upsert_series(series)
	frappe.db.commit()
	for table in TABLES:
		# fresh optimizer statistics after a bulk load
		frappe.db.sql(f"analyze table `tab{table}`")
	db_seconds += time.monotonic() - t0
	stats["series_rows"] = len(series)
	stats["insert_seconds"] = round(db_seconds, 1)
	stats["waiting_for_generator_seconds"] = round(wait_seconds, 1)
	return stats


def upsert_series(rows: list[tuple[str, int]], chunk_size: int = 5000) -> None:
	"""Advance the daily counters: current = the larger of the stored and the generated number."""
	series = frappe.qb.DocType("Series")
	greatest = CustomFunction("GREATEST", ["a", "b"])
	for start in range(0, len(rows), chunk_size):
		(
			frappe.qb.into(series)
			.columns(series.name, series.current)
			.insert(*rows[start : start + chunk_size])
			.on_duplicate_key_update(series.current, greatest(series.current, Values(series.current)))
		).run()


def _produce(plan: Plan, pipe) -> None:
	"""The forked child: generate the rows and send them as escaped SQL. Never touches the database."""
	try:
		_Producer(plan, pipe.send).run()
	except BaseException:
		pipe.send(("error", traceback.format_exc()))
	finally:
		pipe.close()


class _Producer:
	"""Makes the rows of every table from the plan, deterministically from its seed."""

	CATEGORIES = ("backlog", *OTHER_CODES, "history")

	def __init__(self, plan: Plan, send):
		self.plan = plan
		self.send = send
		self.cal = plan.engine
		self.rng = random.Random(plan.seed)
		self.full_us = self.cal.full_day_us
		self.as_of = plan.as_of
		self.as_of_pos = self.cal.position(plan.as_of)
		self.as_of_open_pos = self.cal.position(self.cal.opening_of_day(plan.as_of.date()))
		self.year_pos = self.cal.position(plan.year_start)
		self.horizon = self.cal.add_working_seconds(plan.as_of, plan.warning_margin_us / US)
		shares = [plan.open_share, *OTHER_CODES.values()]
		self.category_cum = list(accumulate(shares))
		self.procedure_cum = list(accumulate(plan.procedure_weights))
		for procedure in plan.procedures:
			unit_us = self.full_us if procedure.time_unit == working_time.WORKING_DAYS else HOUR_US
			procedure.limit_us = round(procedure.processing_time * unit_us)
		# a procedure's share of the open backlog is its intake times how long its dossiers stay open
		self.backlog_cum = list(
			accumulate(
				weight * (procedure.limit_us / self.full_us + 0.3)
				for weight, procedure in zip(plan.procedure_weights, plan.procedures, strict=True)
			)
		)
		self.channel_names = list(plan.channels)
		self.channel_cum = list(accumulate(plan.channels.values()))
		self.provinces = sorted(PROVINCE_CODES)
		self.fees = {}
		self.buffers = {table: [] for table in TABLES}
		self.processing_states = [
			state for state, code in plan.state_codes.items() if code == codes.PROCESSING
		]
		self.order = {state: i for i, state in enumerate(plan.state_codes)}
		self.pending_dossiers = 0
		self.row_no = 0
		self.day_codes = {}
		self.stats = {
			"status": dict.fromkeys(plan.state_codes, 0),
			"channel": dict.fromkeys(DEFAULT_CHANNELS, 0),
			"timeliness": dict.fromkeys((working_time.EARLY, working_time.ON_TIME, working_time.LATE), 0),
			"overdue": 0,
			"rows": dict.fromkeys(TABLES, 0),
		}

	# -- driver ------------------------------------------------------------------------------

	def run(self) -> None:
		for unit in self.plan.units:
			records = [self.make_dossier(unit) for _ in range(unit.count)]
			records.sort(key=lambda r: r["creation"])
			last = {}
			for record in records:
				day = record["creation"].date()
				prefix = self.day_codes.get((unit.code, day))
				if prefix is None:
					prefix = self.day_codes[(unit.code, day)] = f"{unit.code}-{day:%y%m%d}-"
				number = last.get(prefix, 0) + 1
				if number > 9999:
					raise ValueError(f"more than 9,999 dossiers on {day} in {unit.code}: use more units")
				last[prefix] = number
				self.emit(f"{prefix}{number:04d}", unit, record)
			self.send(("series", list(last.items())))
		for table in TABLES:
			self.flush(table)
		self.send(("done", self.stats))

	def add_row(self, table: str, row: dict) -> None:
		columns, defaults = self.plan.columns[table]
		values = tuple(row.get(column, default) for column, default in zip(columns, defaults, strict=True))
		buffer = self.buffers[table]
		buffer.append(escape_item(values, "utf8mb4"))
		if table == "Dossier":
			self.pending_dossiers += 1
		if len(buffer) >= self.plan.chunk_size:
			self.flush(table)

	def flush(self, table: str) -> None:
		buffer = self.buffers[table]
		if not buffer:
			return
		count = self.pending_dossiers if table == "Dossier" else 0
		self.send(("rows", table, ",".join(buffer), count))
		self.stats["rows"][table] += len(buffer)
		buffer.clear()
		if table == "Dossier":
			self.pending_dossiers = 0

	def child_name(self) -> str:
		self.row_no += 1
		return f"syn{self.plan.token}{self.row_no:08x}"

	# -- random helpers ----------------------------------------------------------------------

	def between(self, low: int, high: int) -> int:
		"""A whole-second working-time position in [low, high]."""
		if high <= low:
			return low
		return low + self.rng.randrange((high - low) // US + 1) * US

	def at(self, position: int) -> datetime:
		return self.cal.instant_at(position)

	def pick(self, cumulative: list[float]) -> int:
		return min(bisect(cumulative, self.rng.random() * cumulative[-1]), len(cumulative) - 1)

	def submitted_before(self, received: datetime) -> datetime:
		"""When an online dossier was filed: hours before an officer received it, any time of day."""
		delay = min(self.rng.expovariate(1 / (5 * 3600)), 3 * 86400)
		return received - timedelta(seconds=int(delay))

	# -- one dossier -------------------------------------------------------------------------

	def make_dossier(self, unit: Unit) -> dict:
		rng = self.rng
		category = self.CATEGORIES[bisect(self.category_cum, rng.random())]
		weights = self.backlog_cum if category == "backlog" else self.procedure_cum
		procedure = self.plan.procedures[self.pick(weights)]
		if category in (codes.SUBMITTED_ONLINE, codes.REFUSED):
			channel = "Online"
		else:
			channel = self.channel_names[self.pick(self.channel_cum)]
		record = {"procedure": procedure, "channel": channel, "unit": unit}
		if category == "backlog":
			self.backlog(record, procedure)
		elif category == "history":
			self.history(record, procedure)
		elif category == codes.SUBMITTED_ONLINE:
			record["status"] = category
			record["creation"] = record["modified"] = self.as_of - timedelta(seconds=rng.randrange(86400))
		elif category == codes.REFUSED:
			checked = self.at(self.between(self.year_pos, self.as_of_pos - self.full_us))
			record.update(status=category, creation=self.submitted_before(checked), modified=checked)
			record["refusal_reason"] = rng.choice(REFUSAL_REASONS)
		else:
			self.interrupted(record, procedure, category)
		if "creation" not in record:
			received = record["received_at"]
			record["creation"] = self.submitted_before(received) if channel == "Online" else received
		return record

	def receive(self, record: dict, procedure: Procedure, position: int) -> tuple[int, int]:
		"""Receive at a working-time position: set received and due; return (start, due) positions."""
		cal = self.cal
		received = self.at(position)
		due = cal.compute_due(received, procedure.processing_time, procedure.time_unit)
		record["received_at"] = received
		record["due_at"] = due
		start = cal.start_instant(received)
		record["start"] = start
		return cal.position(start), cal.position(due)

	def history(self, record: dict, procedure: Procedure) -> None:
		"""Received some time in the year, resolved mostly early or on time, usually returned."""
		high = self.as_of_pos
		for _attempt in range(8):
			start_pos, due_pos = self.receive(record, procedure, self.between(self.year_pos, high))
			resolved_pos = self.resolution(record, start_pos, due_pos)
			if resolved_pos <= self.as_of_pos:
				break
			high = max(self.year_pos, high - 3 * self.full_us)
		returned_pos = resolved_pos + self.between(0, self.full_us // 2)
		record["processing_started"] = self.at(min(start_pos + self.between(0, HOUR_US), resolved_pos))
		record["resolved_at"] = resolved = self.at(resolved_pos)
		record["timeliness"] = working_time.timeliness(resolved, record["due_at"])
		if returned_pos <= self.as_of_pos:
			record["status"] = codes.RETURNED
			record["returned_at"] = record["modified"] = self.at(returned_pos)
		else:
			record["status"] = codes.RESOLVED
			record["modified"] = resolved

	def resolution(self, record: dict, start_pos: int, due_pos: int) -> int:
		cal, roll = self.cal, self.rng.random()
		if roll < LATE_SHARE:
			return due_pos + self.between(300 * US, 3 * self.full_us)
		due_day = record["due_at"].date()
		if roll < LATE_SHARE + EARLY_SHARE:
			previous = cal.add_working_days_date(due_day, -1)
			if previous >= record["start"].date():
				return self.between(start_pos, cal.position(cal.close_of_day(previous)))
		low = max(start_pos, cal.position(cal.opening_of_day(due_day)))
		return self.between(low, due_pos)

	def backlog(self, record: dict, procedure: Procedure) -> None:
		"""Open with the clock running at `as_of`; due times spread over the coming working days."""
		rng, limit = self.rng, procedure.limit_us
		if rng.random() < OVERDUE_SHARE:
			age = limit + self.between(600 * US, 10 * self.full_us)
		elif limit:
			age = self.between(0, limit)
		else:
			age = self.between(0, self.as_of_pos - self.as_of_open_pos)
		start_pos, due_pos = self.receive(record, procedure, max(self.as_of_pos - age, self.year_pos))
		due = record["due_at"]
		record["is_overdue"] = int(due < self.as_of)
		if due <= self.horizon:
			warned = max(start_pos, due_pos - self.plan.warning_margin_us)
			record["overdue_warned_at"] = max(self.at(warned), record["received_at"])
		if rng.random() < RECEIVED_SHARE:
			record["status"] = codes.RECEIVED
			record["modified"] = record["received_at"]
		else:
			record["status"] = codes.PROCESSING
			later = self.processing_states[1:]
			if later and rng.random() < LATER_PROCESSING_SHARE:
				record["state"] = rng.choice(later)
			started = self.at(min(start_pos + self.between(0, HOUR_US), self.as_of_pos))
			record["processing_started"] = record["modified"] = max(started, record["received_at"])
			record["assign"] = True

	def interrupted(self, record: dict, procedure: Procedure, status: int) -> None:
		"""Awaiting a supplement or payment (open), or withdrawn or stopped (closed)."""
		rng = self.rng
		if status in codes.PAUSES:
			low = self.as_of_pos - 10 * self.full_us
		else:
			low = self.year_pos
		high = self.as_of_pos if low > self.year_pos else self.as_of_pos - 10 * self.full_us
		start_pos, due_pos = self.receive(record, procedure, self.between(low, high))
		started_pos = min(start_pos + self.between(0, HOUR_US), self.as_of_pos)
		record["processing_started"] = max(self.at(started_pos), record["received_at"])
		event_pos = self.between(started_pos, min(max(due_pos, started_pos), self.as_of_pos))
		record["status"] = status
		record["modified"] = event = max(self.at(event_pos), record["processing_started"])
		if status == codes.AWAITING_SUPPLEMENT:
			record["supplement_request"] = rng.choice(SUPPLEMENT_REQUESTS)
			record["pause"] = ("Supplement", record["supplement_request"], event)
			record["assign"] = True
		elif status == codes.AWAITING_PAYMENT:
			record["pause"] = ("Payment", self.plan.fee_reason, event)
			record["assign"] = True
		elif status == codes.STOPPED:
			record["stop_reason"] = rng.choice(STOP_REASONS)
			record["stopped_at"] = event
		else:
			record["stopped_at"] = event

	# -- rows --------------------------------------------------------------------------------

	def applicant(self, unit: Unit) -> tuple[str, str, str, str]:
		rng = self.rng
		female = rng.random() < 0.5
		name = (
			f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES[female])} {rng.choice(GIVEN_NAMES[female])}"
		)
		born = rng.randint(1945, 2007)
		century = (born // 100 - 19) * 2 + female
		id_number = f"{rng.choice(self.provinces)}{century}{born % 100:02d}{rng.randrange(1_000_000):06d}"
		phone = f"0{rng.choice('3579')}{rng.randrange(100_000_000):08d}"
		return name, id_number, phone, f"Tổ {rng.randint(1, 40)}, {unit.name}"

	def fee(self, procedure: Procedure) -> tuple[int, int, int, int]:
		rng = self.rng
		if not procedure.fee_rules:
			return 1, 1, 0, 0
		pages = rng.choice((1, 1, 1, 2, 2, 3, 4, 6)) if procedure.page_fee else 1
		copies = rng.choice((1, 1, 1, 2, 3)) if procedure.page_fee else 1
		exempt = int(rng.random() < 0.02)
		key = (procedure.name, pages, copies, exempt)
		if key not in self.fees:
			self.fees[key] = compute_fee(procedure.fee_rules, pages, copies, bool(exempt))
		return pages, copies, exempt, self.fees[key]

	def emit(self, name: str, unit: Unit, r: dict) -> None:
		rng, stats = self.rng, self.stats
		procedure: Procedure = r["procedure"]
		code = r["status"]
		state = r.get("state") or self.plan.state_of[code]
		staff = unit.staff
		officer = rng.choice(staff["One-Stop Officer"])
		owner = "Guest" if r["channel"] == "Online" else officer
		actor = {
			codes.PROCESSING: "Specialist",
			codes.AWAITING_SUPPLEMENT: "Specialist",
			codes.AWAITING_PAYMENT: "Specialist",
			codes.RESOLVED: "Ward Leader",
			codes.STOPPED: "Ward Leader",
		}.get(code, "One-Stop Officer")
		modified_by = "Guest" if code == codes.SUBMITTED_ONLINE else rng.choice(staff[actor])
		assignee = rng.choice(staff["Specialist"]) if r.get("assign") else None
		applicant_name, id_number, phone, address = self.applicant(unit)
		pages, copies, exempt, fee = self.fee(procedure)
		received = r.get("received_at")
		due = r.get("due_at")
		resolved = r.get("resolved_at")
		timeliness = r.get("timeliness")
		self.add_row(
			"Dossier",
			{
				"name": name,
				"creation": r["creation"],
				"modified": r["modified"],
				"modified_by": modified_by,
				"owner": owner,
				"administrative_unit": unit.code,
				"procedure": procedure.name,
				"procedure_field": procedure.field,
				"channel": r["channel"],
				"status": state,
				"status_code": code,
				"is_overdue": r.get("is_overdue", 0),
				"timeliness": timeliness,
				"applicant_name": applicant_name,
				"applicant_id_number": id_number,
				"applicant_phone": phone,
				"applicant_address": address,
				"result_digitized": int(resolved is not None and rng.random() < DIGITIZED_SHARE),
				"received_at": received,
				"due_at": due,
				"appointment_at": due,
				"processing_time": procedure.processing_time if received else 0,
				"time_unit": procedure.time_unit if received else None,
				"supplement_policy": procedure.policy if received else None,
				"resolved_at": resolved,
				"returned_at": r.get("returned_at"),
				"overdue_warned_at": r.get("overdue_warned_at"),
				"supplement_request": r.get("supplement_request"),
				"refusal_reason": r.get("refusal_reason"),
				"stop_reason": r.get("stop_reason"),
				"pages": pages,
				"copies": copies,
				"fee_exempt": exempt,
				"fee_exemption_reason": "Trẻ em dưới 6 tuổi" if exempt else None,
				"fee_amount": fee,
				"_assign": json.dumps([assignee]) if assignee else None,
			},
		)
		stats["status"][state] += 1
		stats["channel"][r["channel"]] += 1
		stats["overdue"] += r.get("is_overdue", 0)
		if timeliness:
			stats["timeliness"][timeliness] += 1

		if assignee:
			started = r["processing_started"]
			self.add_row(
				"ToDo",
				{
					"name": self.child_name(),
					"creation": started,
					"modified": started,
					"modified_by": modified_by,
					"owner": officer,
					"status": "Open",
					"priority": "Medium",
					"date": due.date(),
					"allocated_to": assignee,
					"description": procedure.title,
					"reference_type": "Dossier",
					"reference_name": name,
					"assigned_by": officer,
				},
			)
		if pause := r.get("pause"):
			pause_type, reason, started = pause
			self.add_row(
				"Dossier Pause",
				{
					**self.child(name, "pauses", 1, started, assignee),
					"pause_type": pause_type,
					"reason": reason,
					"started_at": started,
					"started_by": assignee,
				},
			)
		if received is None or not (code in codes.OPEN or rng.random() < self.plan.detail_share):
			return

		stamp = r["modified"]
		for idx, (document, mandatory) in enumerate(procedure.documents, 1):
			digitized = int(r["channel"] == "Online" or rng.random() < 0.9)
			self.add_row(
				"Dossier Document",
				{
					**self.child(name, "documents", idx, stamp, modified_by),
					"document_name": document,
					"mandatory": mandatory,
					"received": 1,
					"digitized": digitized,
				},
			)
		if procedure.process:
			steps = self.process_steps(r, procedure, state, staff, officer, assignee)
		else:
			steps = self.national_steps(r, staff, officer, assignee)
		for idx, step in enumerate(steps, 1):
			self.add_row("Dossier Step", {**self.child(name, "steps", idx, stamp, modified_by), **step})

	def national_steps(self, r: dict, staff: dict, officer: str, assignee: str | None) -> list[dict]:
		"""The steps of the national forms, as `control_sheet` keeps them for a procedure without an
		internal process: reception, examination, the leader's approval and the return."""
		received, due, resolved = r["received_at"], r["due_at"], r.get("resolved_at")
		steps = [
			{
				"step": control_sheet.RECEPTION,
				"holder": officer,
				"started_at": received,
				"due_at": received,
				"completed_at": received,
				"timeliness": working_time.ON_TIME,
			}
		]
		if started := r.get("processing_started"):
			completed = resolved or r.get("stopped_at")
			steps.append(
				{
					"step": control_sheet.EXAMINATION,
					"holder": assignee or self.rng.choice(staff["Specialist"]),
					"started_at": started,
					"due_at": due,
					"completed_at": completed,
					"timeliness": working_time.timeliness(completed, due) if completed else None,
				}
			)
		if resolved:
			returned = r.get("returned_at")
			steps.append(
				{
					"step": control_sheet.APPROVAL,
					"holder": self.rng.choice(staff["Ward Leader"]),
					"started_at": resolved,
					"due_at": due,
					"completed_at": resolved,
					"timeliness": r.get("timeliness"),
				}
			)
			steps.append(
				{
					"step": control_sheet.RETURN,
					"holder": officer if returned else None,
					"started_at": resolved,
					"due_at": due,
					"completed_at": returned,
					"timeliness": working_time.timeliness(returned, due) if returned else None,
				}
			)
		return steps

	def process_steps(
		self, r: dict, procedure: Procedure, state: str, staff: dict, officer: str, assignee: str | None
	) -> list[dict]:
		"""The steps of the procedure's internal process, as `control_sheet` plans and keeps them:
		each due when the allotments up to it have run from the receipt; the steps of the states
		the dossier has passed are done (their times spread over the time it took), the step of
		its state runs, the later ones wait."""
		cal, rng = self.cal, self.rng
		code = r["status"]
		received = r["received_at"]
		limit_hours = cal.working_seconds_between(r["start"], r["due_at"]) / 3600
		# where the dossier is: a paused or stopped one is at the processing step it left
		current = state
		if code in codes.PAUSES or code in (codes.STOPPED, codes.WITHDRAWN):
			current = self.processing_states[0]
		current_started = (
			{
				codes.RECEIVED: received,
				codes.RESOLVED: r.get("resolved_at"),
				codes.RETURNED: r.get("resolved_at"),
			}.get(code)
			or r.get("processing_started")
			or received
		)
		ended = {codes.RETURNED: r.get("returned_at")}.get(code) or r.get("stopped_at")
		here = self.order.get(current, 0)
		rows, elapsed = [], 0.0
		for step_name, step_state, role, allotment, unit in procedure.process:
			hours = allotment if unit == "Working Hours" else limit_hours * allotment / 100
			elapsed += hours
			rows.append(
				{
					"step": step_name,
					"workflow_state": step_state,
					"role": role,
					"allotted_hours": hours,
					"due_at": cal.compute_due(received, elapsed, working_time.WORKING_HOURS),
					"_order": self.order.get(step_state, 0),
					"_hours": hours,
				}
			)
		before = [row for row in rows if row["_order"] < here]
		total = sum(row["_hours"] for row in before) or 1
		span = cal.position(current_started) - cal.position(received)
		position, done = cal.position(received), 0.0
		for row in before:
			row["started_at"] = cal.instant_at(position)
			done += row["_hours"]
			position = cal.position(received) + round(span * done / total)
			row["completed_at"] = max(cal.instant_at(position), row["started_at"])
		running = next((row for row in rows if row["_order"] == here), None)
		if running:
			running["started_at"] = current_started
			running["completed_at"] = ended
		for row in rows:
			if row.get("completed_at"):
				row["timeliness"] = working_time.timeliness(row["completed_at"], row["due_at"])
				role = row["role"] if row["role"] in staff else "Specialist"
				row["holder"] = assignee if role == "Specialist" and assignee else rng.choice(staff[role])
			elif row.get("started_at"):
				row["holder"] = assignee
			del row["_order"], row["_hours"]
		return rows

	def child(self, parent: str, parentfield: str, idx: int, stamp: datetime, user: str | None) -> dict:
		user = user or "Administrator"
		return {
			"name": self.child_name(),
			"creation": stamp,
			"modified": stamp,
			"modified_by": user,
			"owner": user,
			"parent": parent,
			"parenttype": "Dossier",
			"parentfield": parentfield,
			"idx": idx,
		}


def delete_unit_dossiers(unit: str) -> None:
	"""Every dossier code of a unit starts with its code: prefix ranges on indexed columns."""
	prefix = f"{unit}-%"
	for child in ("Dossier Document", "Dossier Step", "Dossier Pause"):
		frappe.db.delete(child, {"parenttype": "Dossier", "parent": ("like", prefix)})
	frappe.db.delete("ToDo", {"reference_type": "Dossier", "reference_name": ("like", prefix)})
	frappe.db.delete("Version", {"ref_doctype": "Dossier", "docname": ("like", prefix)})
	frappe.db.delete("Comment", {"reference_doctype": "Dossier", "reference_name": ("like", prefix)})
	frappe.db.delete("Dossier", {"administrative_unit": unit})
	frappe.db.delete("Series", {"name": ("like", prefix)})
