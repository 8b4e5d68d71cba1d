"""The Service Index (issue 12): the story's ward and its city, the rollup against the dossiers,
and a published snapshot that later edits do not change.

The story (docs/README.md): a ward received 97.4% of its dossiers online, collected 70% of its fees
online, digitised 99.74% of its results and resolved all of them early or on time; among 17
wards it ranked first. The datasets are written straight into the tables (as the synthetic
province is), then counted into the rollup; the hooks that keep the rollup current are tested
on dossiers that go through their real lifecycle.
"""

import json
from datetime import datetime, timedelta

import frappe
import pytest
from dossier_factory import act, make_procedure, make_ward, new_dossier, receive

from ward_admin.indicators import rollup, service_index
from ward_admin.indicators.report.service_index import service_index as report
from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR

PROVINCE = "999.50.00.H99"
STORY = "999.50.01.H99"
FROM, TO = "2026-03-01", "2026-03-31"


def make_province(code: str, wards: int) -> list[str]:
	if not frappe.db.exists("Administrative Unit", code):
		frappe.get_doc(
			{
				"doctype": "Administrative Unit",
				"unit_name": "_Test Thành phố Chỉ số",
				"unit_code": code,
				"unit_type": "Province",
				"is_group": 1,
				"working_calendar": DEFAULT_WORKING_CALENDAR,
			}
		).insert()
	codes = []
	for number in range(1, wards + 1):
		ward = f"999.50.{number:02d}.H99"
		if not frappe.db.exists("Administrative Unit", ward):
			frappe.get_doc(
				{
					"doctype": "Administrative Unit",
					"unit_name": f"_Test Phường Chỉ số {number:02d}",
					"unit_code": ward,
					"unit_type": "Ward",
					"parent_administrative_unit": code,
					"working_calendar": DEFAULT_WORKING_CALENDAR,
				}
			).insert()
		codes.append(ward)
	return codes


def write_dossiers(unit, total, online, with_fee, paid_online, resolved, digitized, on_time, procedure):
	"""`total` dossiers received in March 2026 with exactly the given counts, written directly."""
	start = datetime(2026, 3, 2, 8, 0)
	dossiers, receipts = [], []
	for number in range(total):
		received = start + timedelta(days=number % 28, minutes=number)
		name = f"{unit}-2603{number % 28 + 1:02d}-{number:04d}"
		row = {
			"name": name,
			"administrative_unit": unit,
			"procedure": procedure,
			"procedure_field": "Hộ tịch",
			"applicant_name": "Công dân thử",
			"channel": "Online" if number < online else "Direct",
			"received_at": received,
			"due_at": received + timedelta(days=3),
			"fee_amount": 10000 if number < with_fee else 0,
			"status": "Received",
			"status_code": 2,
			"resolved_at": None,
			"result_digitized": 0,
			"timeliness": None,
			"processing_days": 0.0,
			"fee_exempt": 0,
			"processing_time": 3,
			"time_unit": "Working Days",
		}
		if number < resolved:
			row.update(
				status="Resolved",
				status_code=9,
				resolved_at=received + timedelta(days=1),
				result_digitized=1 if number < digitized else 0,
				timeliness="On Time" if number < on_time else "Late",
				processing_days=1.0,
			)
		dossiers.append(row)
		if number < paid_online:
			receipts.append(
				{
					"name": f"FR-{name}",
					"dossier": name,
					"administrative_unit": unit,
					"payer_name": "Công dân thử",
					"amount": 10000,
					"payment_channel": "Online",
					"status": "Issued",
					"docstatus": 1,
				}
			)
	insert("Dossier", dossiers)
	insert("Fee Receipt", receipts)


def insert(doctype, rows):
	if not rows:
		return
	now = datetime(2026, 3, 1)
	fields = sorted({key for row in rows for key in row} | {"creation", "modified", "owner", "modified_by"})
	values = [
		tuple(
			{
				"creation": now,
				"modified": now,
				"owner": "Administrator",
				"modified_by": "Administrator",
				**row,
			}.get(f)
			for f in fields
		)
		for row in rows
	]
	frappe.db.bulk_insert(doctype, fields, values)


# known figures of the 17 wards: (total, online, with fee, paid online, resolved, digitised, on time)
STORY_FIGURES = (1000, 974, 500, 350, 385, 384, 385)
STORY_FIGURES_NAMES = (
	"received",
	"received_online",
	"fee_dossiers",
	"paid_online",
	"resolved",
	"digitized",
	"resolved_on_time",
)
OTHERS = [(100, 90 - 4 * i, 50, 45 - i, 40, 38 - i, 39 - i) for i in range(16)]


@pytest.fixture
def city(db):
	procedure = make_procedure()
	wards = make_province(PROVINCE, 17)
	assert wards[0] == STORY
	write_dossiers(STORY, *STORY_FIGURES, procedure)
	for ward, figures in zip(wards[1:], OTHERS, strict=True):
		write_dossiers(ward, *figures, procedure)
	rollup.rebuild(FROM, "2026-04-30", wards)
	return wards


def test_the_story_ward_shows_the_storys_figures_and_ranks_first(city):
	columns, rows, *_rest = report.execute(
		{"administrative_unit": PROVINCE, "from_date": FROM, "to_date": TO}
	)
	assert [column["fieldname"] for column in columns][:4] == [
		"rank",
		"unit_name",
		"administrative_unit",
		"score",
	]
	by_unit = {row["administrative_unit"]: row for row in rows}
	story = by_unit[STORY]
	assert (story["received"], story["received_online"], story["online_receipt_rate"]) == (1000, 974, 97.4)
	assert (story["fee_dossiers"], story["paid_online"], story["online_payment_rate"]) == (500, 350, 70.0)
	assert (story["resolved"], story["digitized"], story["digitization_rate"]) == (385, 384, 99.74)
	assert (story["resolved_on_time"], story["on_time_rate"]) == (385, 100.0)
	assert story["avg_processing_days"] == 1.0
	assert story["rank"] == 1
	# the others in the order of their figures, each rate with its numerator and denominator
	assert [row["administrative_unit"] for row in rows] == city
	assert [row["rank"] for row in rows] == list(range(1, 18))
	second = by_unit[city[1]]
	assert (second["received_online"], second["received"], second["online_receipt_rate"]) == (90, 100, 90.0)


def test_the_score_follows_the_admins_weights(city):
	settings = frappe.get_single("Service Index Settings")
	settings.update({key: 0 for key in service_index.DEFAULT_WEIGHTS})
	settings.weight_online_receipt = 1
	settings.save()
	rows = service_index.compute(PROVINCE, FROM, TO)
	assert rows[0]["administrative_unit"] == STORY and rows[0]["score"] == 97.4
	# only the online-payment rate counts: the story ward (70%) falls behind a ward with 90%
	settings.weight_online_receipt = 0
	settings.weight_online_payment = 1
	settings.save()
	rows = service_index.compute(PROVINCE, FROM, TO)
	assert rows[0]["score"] == 90.0 and rows[0]["administrative_unit"] == city[1]
	assert {row["administrative_unit"]: row["rank"] for row in rows}[STORY] > 1


def test_ward_staff_see_their_ward_ranked_among_all(city):
	from dossier_factory import make_unit_user
	from frappe.desk.query_report import run

	leader = make_unit_user("_index.leader@example.vn", "Ward Leader", city[3])
	frappe.set_user(leader)
	try:
		result = run("Service Index", {"administrative_unit": PROVINCE, "from_date": FROM, "to_date": TO})
	finally:
		frappe.set_user("Administrator")
	units = [row["administrative_unit"] for row in result["result"] if isinstance(row, dict)]
	assert units == [city[3]]
	assert result["result"][0]["rank"] == 4


def test_a_ward_drills_down_to_its_procedure_fields(city):
	"""Province -> ward: grouped by procedure field, the ward's rows are its fields, adding up to
	its row in the province, with its score and rank above them."""
	dossier = frappe.qb.DocType("Dossier")
	frappe.qb.update(dossier).set(dossier.procedure_field, "Chứng thực").where(
		(dossier.administrative_unit == STORY) & dossier.name.like("%-00__")
	).run()
	rollup.rebuild(FROM, "2026-04-30", [STORY])
	columns, rows, message, chart = report.execute(
		{"administrative_unit": STORY, "from_date": FROM, "to_date": TO, "group_by": "Procedure Field"}
	)
	assert [column["fieldname"] for column in columns][:3] == [
		"rank",
		"procedure_field",
		"administrative_unit",
	]
	by_field = {row["procedure_field"]: row for row in rows}
	assert set(by_field) == {"Hộ tịch", "Chứng thực"}
	certified, civil = by_field["Chứng thực"], by_field["Hộ tịch"]
	assert (certified["received"], certified["online_receipt_rate"], certified["online_payment_rate"]) == (
		100,
		100.0,
		100.0,
	)
	assert (civil["received"], civil["received_online"], civil["fee_dossiers"], civil["paid_online"]) == (
		900,
		874,
		400,
		250,
	)
	for name in ("received", "received_online", "fee_dossiers", "paid_online", "resolved", "digitized"):
		assert (
			sum(row[name] for row in rows) == dict(zip(STORY_FIGURES_NAMES, STORY_FIGURES, strict=True))[name]
		)
	assert [row["procedure_field"] for row in rows] == ["Chứng thực", "Hộ tịch"]
	assert [row["rank"] for row in rows] == [1, 2]
	assert chart["data"]["labels"] == ["Chứng thực", "Hộ tịch"]
	# its place in the province: first of 17
	assert "_Test Phường Chỉ số 01" in message and "17" in message
	# grouped by unit (the default), a ward is one row, as for any unit
	_columns, rows, *_rest = report.execute({"administrative_unit": STORY, "from_date": FROM, "to_date": TO})
	assert [(row["administrative_unit"], row["received"]) for row in rows] == [(STORY, 1000)]
	_columns, rows, *_rest = report.execute(
		{"administrative_unit": STORY, "from_date": FROM, "to_date": TO, "procedure_field": "Hộ tịch"}
	)
	assert [(row["administrative_unit"], row["received"]) for row in rows] == [(STORY, 900)]
	# the whole province by field: every ward's dossiers of each field
	_columns, rows, message, _chart = report.execute(
		{"administrative_unit": PROVINCE, "from_date": FROM, "to_date": TO, "group_by": "Procedure Field"}
	)
	by_field = {row["procedure_field"]: row["received"] for row in rows}
	assert by_field == {"Chứng thực": 100, "Hộ tịch": 900 + sum(figures[0] for figures in OTHERS)}


def test_the_ward_level_is_for_the_wards_readers(city):
	from dossier_factory import make_unit_user
	from frappe.desk.query_report import run

	leader = make_unit_user("_index.drill@example.vn", "Ward Leader", city[3])
	frappe.set_user(leader)
	try:
		by_field = {"from_date": FROM, "to_date": TO, "group_by": "Procedure Field"}
		own = run("Service Index", {**by_field, "administrative_unit": city[3]})
		# with no unit chosen, their own ward's fields, not the province's
		default = run("Service Index", by_field)
		with pytest.raises(frappe.PermissionError):
			run("Service Index", {**by_field, "administrative_unit": STORY})
		with pytest.raises(frappe.PermissionError):
			run("Service Index", {**by_field, "administrative_unit": PROVINCE})
	finally:
		frappe.set_user("Administrator")
	assert [row["procedure_field"] for row in own["result"] if isinstance(row, dict)] == ["Hộ tịch"]
	assert [row["received"] for row in default["result"] if isinstance(row, dict)] == [OTHERS[2][0]]


def test_a_bad_period_is_refused(city):
	with pytest.raises(service_index.InvalidPeriodError):
		service_index.compute(PROVINCE, TO, FROM)


def test_a_failed_run_does_not_turn_the_report_into_a_queued_one(city):
	"""Frappe arms a timer that marks a slow report "prepared" and forgot it when the run raised."""
	import threading

	from frappe.core.doctype.report.report import enable_prepared_report
	from frappe.desk.query_report import run

	with pytest.raises(service_index.InvalidPeriodError):
		run("Service Index", {"administrative_unit": PROVINCE, "from_date": TO, "to_date": FROM})
	armed = [
		thread
		for thread in threading.enumerate()
		if isinstance(thread, threading.Timer)
		and thread.function is enable_prepared_report
		and not thread.finished.is_set()
	]
	assert armed == []


def test_the_rollup_counts_what_the_dossiers_say(db, frozen):
	"""Dossiers that live through receipt, payment, resolution, a late correction and deletion:
	after each change the rollup equals a fresh count of the dossiers."""
	unit = make_ward("999.50.90.H99", "_Test Phường Cuộn")
	procedure = make_procedure()

	def stored():
		rows = frappe.get_all(
			"Service Index Daily",
			filters={"administrative_unit": unit},
			fields=["day", "administrative_unit", "procedure_field", *rollup.COUNTS, "processing_days"],
		)
		return {
			(row.day, row.administrative_unit, row.procedure_field or ""): {
				**{name: row[name] for name in rollup.COUNTS},
				"processing_days": round(row.processing_days, 4),
			}
			for row in rows
		}

	def counted():
		return {
			key: value
			for key, value in rollup.count(
				frappe.utils.getdate("2026-03-01"), frappe.utils.getdate("2026-03-31"), [unit]
			).items()
			if any(value[name] for name in rollup.COUNTS)
		}

	first = receive(procedure, frozen, at="2026-03-02 10:00", channel="Online", unit=unit)
	assert stored() == counted() == {}  # submitted online, not received yet
	first = act(first, "Receive", "2026-03-02 10:05", frozen)
	second = receive(procedure, frozen, at="2026-03-02 11:00", unit=unit)
	assert stored() == counted()
	assert stored()[(frappe.utils.getdate("2026-03-02"), unit, "Hộ tịch")]["received"] == 2

	with frozen("2026-03-02 11:30:00.250000"):
		# as the payment gateway's callback issues it (ward_admin.api.payments)
		receipt = frappe.get_doc(
			{
				"doctype": "Fee Receipt",
				"dossier": first.name,
				"amount": 10000,
				"payment_channel": "Online",
				"transaction_id": "_TEST-ROLLUP-1",
			}
		)
		receipt.flags.via_gateway = True
		receipt.insert(ignore_permissions=True)
		receipt.submit()
	first = act(first, "Start Processing", "2026-03-02 14:00", frozen)
	first = act(first, "Submit for Signature", "2026-03-02 16:00", frozen, result_digitized=1)
	first = act(first, "Resolve", "2026-03-03 09:00", frozen)
	assert stored() == counted()
	cell = stored()
	assert cell[(frappe.utils.getdate("2026-03-02"), unit, "Hộ tịch")]["paid_online"] == 1
	resolved = cell[(frappe.utils.getdate("2026-03-03"), unit, "Hộ tịch")]
	assert (resolved["resolved"], resolved["digitized"], resolved["resolved_on_time"], resolved["timed"]) == (
		1,
		1,
		1,
		1,
	)
	# received Monday 10:05, resolved Tuesday 09:00: 1 h 25 + 3 h 30 + 1 h 30 of 7.5 h working days
	assert resolved["processing_days"] == 0.86

	frappe.delete_doc("Dossier", second.name, force=True, ignore_permissions=True)
	assert stored() == counted()
	assert stored()[(frappe.utils.getdate("2026-03-02"), unit, "Hộ tịch")]["received"] == 1


def test_a_frozen_snapshot_keeps_the_published_figures(city):
	snapshot = frappe.get_doc(
		{
			"doctype": "Indicator Snapshot",
			"title": "Tháng 3/2026",
			"administrative_unit": PROVINCE,
			"from_date": FROM,
			"to_date": TO,
		}
	).insert()
	snapshot.submit()
	assert len(snapshot.rows) == 17 and json.loads(snapshot.weights)["weight_on_time"] == 20

	# a late edit: one of the story ward's resolved dossiers loses its digitised result
	name = frappe.get_all(
		"Dossier", filters={"administrative_unit": STORY, "result_digitized": 1}, pluck="name", limit=1
	)[0]
	frappe.db.set_value("Dossier", name, "result_digitized", 0)
	rollup.refresh(rollup.cells_of(frappe.get_doc("Dossier", name)))

	live = {
		row["administrative_unit"]: row
		for row in report.execute({"administrative_unit": PROVINCE, "from_date": FROM, "to_date": TO})[1]
	}
	frozen_rows = {row["administrative_unit"]: row for row in report.execute({"snapshot": snapshot.name})[1]}
	assert live[STORY]["digitized"] == 383
	assert (frozen_rows[STORY]["digitized"], frozen_rows[STORY]["digitization_rate"]) == (384, 99.74)
	assert frozen_rows[STORY]["rank"] == 1

	# a submitted snapshot is not edited
	snapshot.reload()
	snapshot.rows[0].digitized = 0
	with pytest.raises(frappe.UpdateAfterSubmitError):
		snapshot.save()


def test_the_leaders_cards_are_their_wards_with_the_rank_in_the_city(city):
	from dossier_factory import make_unit_user

	from ward_admin.indicators import dashboard

	frappe.set_user(make_unit_user("_index.cards@example.vn", "Ward Leader", STORY))
	try:
		cards = dashboard.rate_cards(today=TO)
		chart = dashboard.monthly(dashboard.reader_units(), 2, frappe.utils.getdate(TO))
	finally:
		frappe.set_user("Administrator")
	by_key = {card["key"]: card for card in cards["cards"]}
	assert (by_key["online_receipt_rate"]["numerator"], by_key["online_receipt_rate"]["denominator"]) == (
		974,
		1000,
	)
	assert by_key["online_receipt_rate"]["rate"] == 97.4 and by_key["on_time_rate"]["rate"] == 100.0
	assert by_key["digitization_rate"]["rate"] == 99.74 and by_key["online_payment_rate"]["rate"] == 70.0
	# nothing in February to compare with
	assert by_key["on_time_rate"]["previous"] is None and by_key["on_time_rate"]["change"] is None
	assert (cards["rank"]["rank"], cards["rank"]["of"]) == (1, 17)
	assert [row["month"].month for row in chart] == [2, 3]
	assert chart[1]["online_receipt_rate"] == 97.4 and chart[0]["received"] == 0


def test_the_cards_are_for_the_leaders_roles_only(city):
	from dossier_factory import make_unit_user

	from ward_admin.indicators import dashboard

	frappe.set_user(make_unit_user("_index.officer@example.vn", "One-Stop Officer", STORY))
	try:
		with pytest.raises(frappe.PermissionError):
			dashboard.rate_cards(today=TO)
	finally:
		frappe.set_user("Administrator")


def test_processing_time_by_procedure(city):
	from ward_admin.indicators.report.processing_time_by_procedure import (
		processing_time_by_procedure as times,
	)

	# the story ward's 385 resolved dossiers took 0, 1, … 9, 0, 1 … working days (number mod 10)
	frappe.db.sql(
		"""update `tabDossier` set processing_days = cast(right(name, 4) as unsigned) %% 10
		where administrative_unit = %s and resolved_at is not null""",
		STORY,
	)
	_columns, rows, _message, chart = times.execute(
		{"administrative_unit": STORY, "from_date": FROM, "to_date": TO}
	)
	(row,) = rows
	assert (row["resolved"], row["mean_days"], row["median_days"], row["p90_days"]) == (385, 4.47, 4.0, 8.0)
	assert (row["legal_time"], row["within_limit_rate"]) == (3.0, 100.0)
	assert chart["data"]["labels"] == ["9.999100"]
	# the province: every ward's dossiers of the procedure
	rows = times.execute({"administrative_unit": PROVINCE, "from_date": FROM, "to_date": TO})[1]
	assert rows[0]["resolved"] == 385 + 16 * 40


def test_overdue_and_at_risk_dossiers(db, frozen):
	from ward_admin.indicators.report.overdue_and_at_risk_dossiers import overdue_and_at_risk_dossiers as risk

	unit = make_ward("999.50.91.H99", "_Test Phường Quá Hạn")
	procedure = make_procedure()
	late = receive(procedure, frozen, at="2026-03-02 10:00", unit=unit)  # due 05-03-2026 10:00
	fresh = new_dossier(procedure, unit=unit).insert()  # received now: three working days left
	rows = risk.execute({"administrative_unit": unit})[1]
	assert [row["dossier"] for row in rows] == [late.name]
	assert rows[0]["risk_key"] == "Overdue" and rows[0]["hours_left"] < 0
	rows = risk.execute({"administrative_unit": unit, "show_on_track": 1})[1]
	assert [row["dossier"] for row in rows] == [late.name, fresh.name]
	assert rows[1]["risk_key"] in ("On Track", "At Risk") and rows[1]["hours_left"] > 0


def test_the_dossier_register_lists_the_periods_dossiers_in_order(db, frozen):
	from dossier_factory import make_unit_user

	from ward_admin.indicators.report.dossier_register import dossier_register as register

	unit = make_ward("999.50.92.H99", "_Test Phường Sổ")
	procedure = make_procedure()
	first = receive(procedure, frozen, at="2026-03-02 10:00", unit=unit, applicant_address="Số 1 Lê Lợi")
	second = receive(procedure, frozen, at="2026-03-03 09:00", unit=unit)
	receive(procedure, frozen, at="2026-04-01 09:00", unit=unit)  # another month
	columns, rows, *_rest = register.execute({"administrative_unit": unit, "from_date": FROM, "to_date": TO})
	assert [(row["number"], row["name"]) for row in rows] == [(1, first.name), (2, second.name)]
	assert "applicant_address" in [column["fieldname"] for column in columns]
	assert rows[0]["applicant_address"] == "Số 1 Lê Lợi" and rows[0]["procedure_name"].startswith(
		"_Test thủ tục"
	)
	# an inspector reads the register without the applicants' addresses
	frappe.set_user(make_unit_user("_register.inspector@example.vn", "Inspector", unit))
	try:
		columns, rows, *_rest = register.execute(
			{"administrative_unit": unit, "from_date": FROM, "to_date": TO}
		)
	finally:
		frappe.set_user("Administrator")
	assert len(rows) == 2 and "applicant_address" not in rows[0]
	assert "applicant_address" not in [column["fieldname"] for column in columns]


def test_the_register_prints_as_form_07_with_the_units_header(db, frozen, monkeypatch):
	from dossier_factory import make_unit_user

	from ward_admin.indicators.report.dossier_register import register_print
	from ward_admin.indicators.report.dossier_register.dossier_register import register_rows

	unit = make_ward("999.50.93.H99", "Phường Sổ In")
	procedure = make_procedure()
	first = receive(
		procedure,
		frozen,
		at="2026-03-02 10:00",
		unit=unit,
		applicant_address="Số 1 Lê Lợi",
		applicant_phone="0901234567",
	)
	second = receive(procedure, frozen, at="2026-03-03 09:00", unit=unit)
	act(first, "Start Processing", "2026-03-02 14:00", frozen)
	filters = {"administrative_unit": unit, "from_date": FROM, "to_date": TO}
	rows, personal = register_rows(filters)
	assert personal and [row["name"] for row in rows] == [first.name, second.name]
	assert str(rows[0]["forwarded_at"]).startswith("2026-03-02 14:00") and rows[1]["forwarded_at"] is None

	html = register_print.register_html(filters)
	assert "SỔ THEO DÕI HỒ SƠ" in html and "UBND PHƯỜNG SỔ IN" in html and "Sổ In, ngày" in html
	assert first.name in html and second.name in html
	assert "Số 1 Lê Lợi; 0901234567" in html and "14:00 02/03/2026" in html

	# malformed filters: a clear error naming them, and no PDF, no Access Log entry
	from ward_admin.arguments import InvalidArgumentError

	logged = frappe.db.count("Access Log")
	for bad in ("abc", "[]", '{"from_date": "2026-13-45"}', '{"administrative_unit": ["x"]}'):
		with pytest.raises(InvalidArgumentError):
			register_print.download(bad)
	assert frappe.db.count("Access Log") == logged

	# a PDF, recorded in the Access Log
	register_print.download(frappe.as_json(filters))
	assert frappe.local.response.type == "pdf" and frappe.local.response.filecontent.startswith(b"%PDF")
	assert frappe.db.exists("Access Log", {"report_name": "Dossier Register", "file_type": "PDF"})

	# an inspector's register has no addresses or phones
	frappe.set_user(make_unit_user("_register.print.inspector@example.vn", "Inspector", unit))
	try:
		html = register_print.register_html(filters)
	finally:
		frappe.set_user("Administrator")
	assert first.name in html and "Lê Lợi" not in html and "0901234567" not in html

	# another ward's officer asking for this ward's register gets no line of it
	other = make_ward("999.50.94.H99", "Phường Khác")
	frappe.set_user(make_unit_user("_register.print.other@example.vn", "One-Stop Officer", other))
	try:
		html = register_print.register_html(filters)
	finally:
		frappe.set_user("Administrator")
	assert first.name not in html and second.name not in html and "Không có hồ sơ" in html

	# cut into printed pages, each with the table's head (wkhtmltopdf repeats none)
	assert [len(page) for page in register_print.pages(list(range(25)))] == [6, 10, 9]
	assert register_print.pages([]) == [[]]
	assert html.count("<thead>") == 1

	# a register too long to print is refused with a reason, not cut
	monkeypatch.setattr(register_print, "MAX_LINES", 1)
	with pytest.raises(register_print.RegisterTooLongError):
		register_print.register_html(filters)
