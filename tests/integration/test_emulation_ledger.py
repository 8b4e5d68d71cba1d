"""The emulation module's rules at work on a few dossiers: rule validation, the append-only ledger
and its reversals, the overdue job, citizen ratings, proposals and the leader's decisions, period
validation and the Staff KPI report (its rows, its drill-down and who reads which rows)."""

from datetime import date, timedelta

import frappe
import pytest
from dossier_factory import act, make_employee, make_unit_user, make_ward, new_dossier
from frappe.desk.form.assign_to import add as assign
from test_emulation_quarter import (
	LEADER,
	OFFICERS,
	SPECIALISTS,
	as_user,
	procedure_with_process,
	rules_of_the_test,  # noqa: F401 (fixture)
)

from ward_admin.emulation import points as ledger
from ward_admin.emulation.decisions import DecisionError
from ward_admin.emulation.doctype.citizen_rating.citizen_rating import InvalidRatingError
from ward_admin.emulation.doctype.emulation_period.closing import PeriodStateError
from ward_admin.emulation.doctype.emulation_period.emulation_period import (
	InvalidPeriodError,
	PeriodClosedError,
)
from ward_admin.emulation.doctype.emulation_period.scoring import InvalidFormulaError
from ward_admin.emulation.doctype.emulation_point_entry.emulation_point_entry import LedgerError
from ward_admin.emulation.doctype.emulation_rule.emulation_rule import InvalidRuleError
from ward_admin.emulation.doctype.staff_period_score.staff_period_score import FrozenScoreError
from ward_admin.emulation.report.staff_kpi import staff_kpi
from ward_admin.one_stop.doctype.dossier.lifecycle import MissingReasonError

WARD = "999.40.01.H99"


@pytest.fixture
def ward(rules_of_the_test):  # noqa: F811
	make_ward(WARD, "_Test Phường Thi Đua")
	procedure = procedure_with_process()
	for user, role in [
		*((u, "One-Stop Officer") for u in OFFICERS),
		*((u, "Specialist") for u in SPECIALISTS),
		(LEADER, "Ward Leader"),
	]:
		make_unit_user(user, role, unit=WARD)
		make_employee(user, user.split("@")[0])
	make_unit_user("_emu.thidua@example.vn", "Emulation Officer", unit=WARD)
	ledger.clear_caches()
	return procedure


def lifecycle(procedure, frozen, specialist=SPECIALISTS[0], late=False, day="2026-03-02"):
	"""A dossier received Monday 08:00, resolved early that day (or late on Friday), returned."""
	friday = str(date.fromisoformat(day) + timedelta(days=4))
	with frozen(f"{day} 08:00"):
		doc = as_user(OFFICERS[0], lambda: new_dossier(procedure, unit=WARD).insert())
		assign({"doctype": "Dossier", "name": doc.name, "assign_to": [specialist]})
	doc = as_user(OFFICERS[0], act, doc, "Start Processing", f"{day} 09:00", frozen)
	doc = as_user(specialist, act, doc, "Submit for Signature", f"{friday if late else day} 10:00", frozen)
	doc = as_user(LEADER, act, doc, "Resolve", f"{friday if late else day} 11:00", frozen)
	return as_user(OFFICERS[0], act, doc, "Return Result", f"{friday if late else day} 15:00", frozen)


def entries(**filters):
	return frappe.get_all(
		"Emulation Point Entry",
		filters={"administrative_unit": WARD, **filters},
		fields=["name", "user", "points", "event", "rule", "reverses", "reversed_by", "posting_date"],
		order_by="name",
	)


# ---------------------------------------------------------------- rules


@pytest.mark.parametrize(
	"condition",
	[
		"__import__('os').system('id')",
		"doc.save()",
		"doc.get('channel')",
		"frappe.db",
		"doc.__class__",
		"doc._assign",
		"[x for x in doc]",
		"lambda: 1",
	],
)
def test_a_rule_condition_cannot_call_import_or_reach_past_the_document(db, condition):
	rule = frappe.get_doc(
		{
			"doctype": "Emulation Rule",
			"rule_name": "_T x",
			"event": "Custom",
			"credit_to": "Assignee",
			"points": 1,
		}
	)
	rule.condition = condition
	with pytest.raises(InvalidRuleError):
		rule.insert()


def test_a_rule_multiplies_only_by_a_number_field_and_must_give_points(db):
	rule = frappe.get_doc(
		{
			"doctype": "Emulation Rule",
			"rule_name": "_T y",
			"event": "Custom",
			"credit_to": "Assignee",
			"points": 1,
		}
	)
	rule.multiplier_field = "applicant_name"
	with pytest.raises(InvalidRuleError):
		rule.insert()
	rule.multiplier_field = "pages"
	rule.points = 0
	with pytest.raises(InvalidRuleError):
		rule.insert()
	rule.points = 1
	rule.condition = 'doc.channel == "Online" and doc.pages > 2'
	rule.insert()


def test_the_default_rules_cover_the_lifecycle_events():
	events = set(frappe.get_all("Emulation Rule", pluck="event"))
	assert {
		"Dossier Resolved Early",
		"Dossier Resolved Late",
		"Step Late",
		"Apology Issued",
		"Supplement Requested",
		"Citizen Rating",
		"Dossier Overdue",
	} <= events


# ---------------------------------------------------------------- the ledger


def test_points_go_to_the_employees_of_the_step_holders_once(ward, frozen):
	doc = lifecycle(ward, frozen)
	early = entries(event="Dossier Resolved Early")
	assert sorted(e.user for e in early) == sorted({OFFICERS[0], SPECIALISTS[0], LEADER})
	assert all(e.points == 2 and e.posting_date == date(2026, 3, 2) for e in early)
	# saving again, or the same events again, credits nothing more
	before = len(entries())
	frappe.get_doc("Dossier", doc.name).save()
	ledger.credit(doc, [("Dossier Resolved Early", "resolved", None, None)])
	assert len(entries()) == before


def test_the_ledger_is_append_only_and_corrected_by_reversal(ward, frozen):
	lifecycle(ward, frozen)
	entry = frappe.get_doc("Emulation Point Entry", entries(event="Dossier Resolved Early")[0].name)
	with pytest.raises(LedgerError):
		frappe.get_doc({**entry.as_dict(), "name": None, "entry_key": "x"}).insert(ignore_permissions=True)
	entry.points = 100
	with pytest.raises(LedgerError):
		entry.save(ignore_permissions=True)
	with pytest.raises(LedgerError):
		frappe.delete_doc("Emulation Point Entry", entry.name, ignore_permissions=True)

	entry.reload()
	with pytest.raises(frappe.PermissionError):
		as_user(LEADER, entry.reverse, "Nhầm người")
	with pytest.raises(MissingReasonError):
		as_user("_emu.thidua@example.vn", entry.reverse, " ")
	reversal = as_user("_emu.thidua@example.vn", entry.reverse, "Nhầm người xử lý")
	entry.reload()
	assert entry.reversed_by == reversal and entry.points == 2
	assert frappe.db.get_value("Emulation Point Entry", reversal, ["points", "reverses"]) == (
		-2,
		str(entry.name),
	)
	with pytest.raises(ledger.EntryCorrectionError):
		as_user("_emu.thidua@example.vn", entry.reverse, "Lần hai")
	with pytest.raises(ledger.EntryCorrectionError):
		as_user("_emu.thidua@example.vn", frappe.get_doc("Emulation Point Entry", reversal).reverse, "x")


def test_late_steps_and_dossiers_cost_their_holders(ward, frozen):
	lifecycle(ward, frozen, late=True)
	late_steps = entries(event="Step Late")
	# the examination (due Tue) and the signature (due Thu) were done Friday
	assert sorted(e.user for e in late_steps) == sorted([SPECIALISTS[0], LEADER])
	late = entries(event="Dossier Resolved Late")
	assert sorted(e.user for e in late) == sorted([SPECIALISTS[0], LEADER])
	assert {e.points for e in late} == {-3}


def test_a_dossier_overdue_costs_its_assignee_once_per_working_day(ward, frozen):
	with frozen("2026-03-02 08:00"):
		doc = as_user(OFFICERS[0], lambda: new_dossier(ward, unit=WARD).insert())
		assign({"doctype": "Dossier", "name": doc.name, "assign_to": [SPECIALISTS[1]]})
	act(doc, "Start Processing", "2026-03-02 09:00", frozen)
	frappe.get_doc(
		{
			"doctype": "Emulation Rule",
			"rule_name": "_T quá hạn",
			"event": "Dossier Overdue",
			"credit_to": "Assignee",
			"points": -0.5,
		}
	).insert()
	ledger.clear_caches()
	ledger.credit_overdue("2026-03-04 17:30")  # not yet due (Thursday 08:00)
	assert not entries(event="Dossier Overdue")
	ledger.credit_overdue("2026-03-05 17:30")
	ledger.credit_overdue("2026-03-05 18:00")  # the job again the same day
	ledger.credit_overdue("2026-03-07 17:30")  # Saturday
	ledger.credit_overdue("2026-03-09 17:30")
	overdue = entries(event="Dossier Overdue")
	assert [(e.user, e.points, e.posting_date) for e in overdue] == [
		(SPECIALISTS[1], -0.5, date(2026, 3, 5)),
		(SPECIALISTS[1], -0.5, date(2026, 3, 9)),
	]


# ---------------------------------------------------------------- citizen ratings


def test_a_rating_is_given_once_on_a_returned_dossier(ward, frozen):
	with frozen("2026-03-02 08:00"):
		open_doc = as_user(OFFICERS[0], lambda: new_dossier(ward, unit=WARD).insert())
	with pytest.raises(InvalidRatingError):
		frappe.get_doc({"doctype": "Citizen Rating", "dossier": open_doc.name, "rating": 5}).insert()
	doc = lifecycle(ward, frozen)
	for bad in (0, 6, 2.5):
		with pytest.raises(InvalidRatingError):
			frappe.get_doc({"doctype": "Citizen Rating", "dossier": doc.name, "rating": bad}).insert()
	rating = as_user(
		OFFICERS[0],
		lambda: frappe.get_doc({"doctype": "Citizen Rating", "dossier": doc.name, "rating": 4}).insert(),
	)
	assert rating.administrative_unit == WARD
	with pytest.raises((InvalidRatingError, frappe.UniqueValidationError)):
		frappe.get_doc({"doctype": "Citizen Rating", "dossier": doc.name, "rating": 5}).insert()
	# 0.5 x the rating, capped at 2, to every holder of a step
	assert sorted((e.user, e.points) for e in entries(event="Citizen Rating")) == sorted(
		(user, 2.0) for user in (OFFICERS[0], SPECIALISTS[0], LEADER)
	)


# ---------------------------------------------------------------- periods and proposals


def period(unit=WARD, kind="Month", start="2026-03-01", **values):
	return frappe.get_doc(
		{
			"doctype": "Emulation Period",
			"administrative_unit": unit,
			"period_type": kind,
			"from_date": start,
			**values,
		}
	)


def test_a_period_is_checked_when_saved(ward):
	doc = period(start="2026-03-17").insert()
	assert (str(doc.from_date), str(doc.to_date), doc.status) == ("2026-03-01", "2026-03-31", "Open")
	# status, closing and history are written only by closing and reopening
	doc.status, doc.closed_by = "Closed", LEADER
	doc.append("log", {"action": "Closed", "user": LEADER})
	doc.save()
	doc.reload()
	assert (doc.status, doc.closed_by, len(doc.log)) == ("Open", None, 0)
	with pytest.raises(InvalidPeriodError):
		period(start="2026-03-05").insert()
	with pytest.raises(InvalidPeriodError):
		period(start="2026-04-01", excellent_threshold=60, good_threshold=70).insert()
	for formula in (
		"__import__('os')",
		"points.real",
		"max(points, 1)",
		"points[0]",
		"unknown + 1",
		"2 ** 99999",
	):
		with pytest.raises(InvalidFormulaError):
			period(start="2026-04-01", score_formula=formula).insert()


def test_proposals_wait_for_the_leaders_decision(ward, frozen):
	# one specialist always early, one always late: one title, one review
	for day in ("2026-03-02", "2026-03-09", "2026-03-16"):
		lifecycle(ward, frozen, specialist=SPECIALISTS[0], day=day)
		lifecycle(ward, frozen, specialist=SPECIALISTS[3], late=True, day=day)
	with frozen("2026-04-01 09:00:00.250000"):
		doc = period(kind="Quarter", start="2026-01-01").insert()
		doc.close_period()
	scores = {
		s.user: s
		for s in frappe.get_all(
			"Staff Period Score",
			filters={"emulation_period": doc.name},
			fields=["user", "rating_level", "final_score"],
		)
	}
	assert scores[SPECIALISTS[3]].rating_level == "Not Complete"
	review = frappe.get_doc("Disciplinary Review", {"emulation_period": doc.name, "user": SPECIALISTS[3]})
	with pytest.raises(DecisionError):
		frappe.get_doc({**review.as_dict(), "name": None}).insert(ignore_permissions=True)
	with pytest.raises(frappe.PermissionError):
		as_user(OFFICERS[0], review.approve, "12/QĐ-UBND", "2026-04-05", "Reprimand")
	with pytest.raises(DecisionError):
		as_user(LEADER, review.approve, " ", "2026-04-05", "Reprimand")
	with pytest.raises(frappe.ValidationError):
		as_user(LEADER, review.approve, "12/QĐ-UBND", "2026-04-05", "Demotion")
	as_user(LEADER, review.approve, "12/QĐ-UBND", "2026-04-05", "Reprimand")
	review.reload()
	assert (review.status, review.measure, review.decided_by) == ("Approved", "Reprimand", LEADER)
	with pytest.raises(DecisionError):
		as_user(LEADER, review.reject, "Đổi ý")

	# a period whose proposals were decided stays closed; its scores stay frozen
	with pytest.raises(PeriodStateError):
		doc.reopen_period("Sửa điểm")
	score = frappe.get_doc("Staff Period Score", {"emulation_period": doc.name, "user": SPECIALISTS[0]})
	score.final_score = 100
	with pytest.raises(FrozenScoreError):
		score.save(ignore_permissions=True)
	doc.reload()
	doc.score_formula = "100"
	with pytest.raises(PeriodClosedError):
		doc.save()
	doc.reload()
	with pytest.raises(MissingReasonError):
		doc.reopen_period(" ")

	# a disciplinary measure in the year: Not Complete in the next period, whatever the score
	lifecycle(ward, frozen, specialist=SPECIALISTS[3], day="2026-04-06")
	with frozen("2026-05-01 09:00:00.250000"):
		april = period(start="2026-04-01").insert()
		april.close_period()
	row = frappe.get_doc("Staff Period Score", {"emulation_period": april.name, "user": SPECIALISTS[3]})
	assert (row.disciplined, row.early, row.rating_level) == (1, 1, "Not Complete")
	assert not frappe.db.exists(
		"Disciplinary Review", {"emulation_period": april.name, "user": SPECIALISTS[3]}
	)


# ---------------------------------------------------------------- the Staff KPI report


def test_staff_kpi_rows_drill_down_and_readers(ward, frozen):
	lifecycle(ward, frozen, specialist=SPECIALISTS[0])
	lifecycle(ward, frozen, specialist=SPECIALISTS[1], late=True)
	filters = {"administrative_unit": WARD, "from_date": "2026-03-01", "to_date": "2026-03-31"}

	_columns, rows, _message, chart = as_user(LEADER, staff_kpi.execute, filters)
	by_user = {row["user"]: row for row in rows}
	assert set(by_user) == {OFFICERS[0], SPECIALISTS[0], SPECIALISTS[1], LEADER}
	assert (by_user[LEADER]["dossiers_handled"], by_user[LEADER]["early"], by_user[LEADER]["late"]) == (
		2,
		1,
		1,
	)
	assert by_user[OFFICERS[0]]["dossiers_received"] == 2
	assert by_user[SPECIALISTS[1]]["steps_late"] == 1 and by_user[SPECIALISTS[1]]["on_time_rate"] == 0
	assert by_user[SPECIALISTS[0]]["avg_step_hours"] == 1.0  # 09:00-10:00
	assert chart["data"]["labels"]

	_columns, dossiers = as_user(
		LEADER, staff_kpi.execute, {**filters, "user": SPECIALISTS[1], "show": "late"}
	)
	assert len(dossiers) == 1 and dossiers[0]["timeliness"] == "Late"
	_columns, points = as_user(
		LEADER, staff_kpi.execute, {**filters, "user": SPECIALISTS[1], "show": "points"}
	)
	assert sum(p["points"] for p in points) == by_user[SPECIALISTS[1]]["points"]

	# a specialist reads their own row only, and cannot open a colleague's
	_columns, own, *_ = as_user(SPECIALISTS[0], staff_kpi.execute, filters)
	assert [row["user"] for row in own] == [SPECIALISTS[0]]
	with pytest.raises(frappe.PermissionError):
		as_user(SPECIALISTS[0], staff_kpi.execute, {**filters, "user": SPECIALISTS[1], "show": "late"})
	# nobody reads another ward's staff
	other = make_ward("999.40.02.H99", "_Test Phường Khác")
	with pytest.raises(frappe.PermissionError):
		as_user(LEADER, staff_kpi.execute, {**filters, "administrative_unit": other})
