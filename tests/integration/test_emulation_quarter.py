"""A quarter of a ward's work, scored: 200 dossiers through the lifecycle at frozen times, points
from the emulation rules, the period closed, and every staff member's components, score, rating
level and proposed title checked against values this test computes on its own, from the
dossiers' documents and its own table of rules.

The ward uses the shipped calendar (07:30-11:30, 13:30-17:00, weekends and the 2026 holidays
off) and a 3-working-day procedure with a 3-step internal process (reception 10%, examination
40%, signature 50%). Every dossier is received on the Monday of a full working week of Q1 2026,
so its due time is Thursday at the same hour and each outcome falls on a known day: resolved on
Monday (early), on Thursday before the due time (on time) or on Friday (late).
"""

import itertools
import random
from collections import defaultdict
from datetime import date, timedelta

import frappe
import pytest
from dossier_factory import act, make_employee, make_unit_user, make_ward, new_dossier
from frappe.desk.form.assign_to import add as assign

from ward_admin.emulation import points as ledger
from ward_admin.services import emulation as arithmetic
from ward_admin.setup.holidays import DEFAULT_WORKING_CALENDAR
from ward_admin.ward_setup.doctype.working_calendar import deadlines

WARD = "999.40.01.H99"
PROCEDURE = "9.999400"
STEPS = [
	("Tiếp nhận", "Received", "One-Stop Officer", 10),
	("Thẩm định", "Processing", "Specialist", 40),
	("Ký duyệt", "Awaiting Signature", "Ward Leader", 50),
]
# the test's own rules: (name, event, credit to, points, condition, multiplier, cap)
RULES = [
	("_T sớm", "Dossier Resolved Early", "Step Holder", 2, None, None, 0),
	("_T trễ", "Dossier Resolved Late", "Step Holder", -3, None, None, 0),
	("_T bước trễ", "Step Late", "Step Holder", -1, None, None, 0),
	("_T bổ sung lần hai", "Supplement Requested", "Resolver", -1, "doc.supplements > 1", None, 0),
	("_T xin lỗi", "Apology Issued", "Assignee", -2, None, None, 0),
	("_T đánh giá", "Citizen Rating", "Step Holder", 0.5, None, "rating", 2),
	("_T qua bưu điện", "Custom", "Receiving Officer", 1, 'doc.channel == "Postal"', None, 0),
]
OFFICERS = [f"_emu.motcua{i}@example.vn" for i in (1, 2)]
SPECIALISTS = [f"_emu.chuyenmon{i}@example.vn" for i in (1, 2, 3, 4)]
LEADER = "_emu.lanhdao@example.vn"
# how each specialist works: shares of early, on-time, late (late with their step late)
PROFILES = {
	SPECIALISTS[0]: (0.9, 0.1, 0.0),
	SPECIALISTS[1]: (0.3, 0.7, 0.0),
	SPECIALISTS[2]: (0.1, 0.7, 0.2),
	SPECIALISTS[3]: (0.0, 0.4, 0.6),
}


@pytest.fixture
def rules_of_the_test(db):
	"""Only this test's rules are enabled (in the rolled-back transaction); the rules' cache is
	shared by every process, so it is dropped before and after."""
	frappe.db.set_value("Emulation Rule", {"name": ("is", "set")}, "enabled", 0)
	for name, event, credit_to, pts, condition, multiplier, cap in RULES:
		frappe.get_doc(
			{
				"doctype": "Emulation Rule",
				"rule_name": name,
				"event": event,
				"credit_to": credit_to,
				"points": pts,
				"condition": condition,
				"multiplier_field": multiplier,
				"max_points": cap,
			}
		).insert()
	ledger.clear_caches()
	yield
	frappe.db.rollback()
	ledger.clear_caches()


def full_weeks_of_q1() -> list[date]:
	calendar = deadlines.get_engine_calendar(DEFAULT_WORKING_CALENDAR)
	mondays = []
	day = date(2026, 1, 5)
	while day + timedelta(days=4) <= date(2026, 3, 31):
		if all(calendar.is_working_day(day + timedelta(days=i)) for i in range(5)):
			mondays.append(day)
		day += timedelta(days=7)
	return mondays


def procedure_with_process() -> str:
	return (
		frappe.get_doc(
			{
				"doctype": "Administrative Procedure",
				"procedure_code": PROCEDURE,
				"procedure_name": "_Test thủ tục thi đua",
				"procedure_field": "Hộ tịch",
				"processing_time": 3,
				"time_unit": "Working Days",
				"supplement_policy": "Pause",
				"effective_from": "2025-07-01",
				"documents": [{"document_name": "Tờ khai", "mandatory": 1}],
				"process_steps": [
					{
						"step_name": n,
						"workflow_state": s,
						"role": r,
						"allotment": a,
						"allotment_unit": "Percent",
					}
					for n, s, r, a in STEPS
				],
			}
		)
		.insert()
		.name
	)


def as_user(user, fn, *args, **kwargs):
	frappe.set_user(user)
	try:
		return fn(*args, **kwargs)
	finally:
		frappe.set_user("Administrator")


def run_quarter(frozen, procedure, rng) -> list[str]:
	"""200 dossiers through their whole life; returns their names."""
	mondays = full_weeks_of_q1()
	names = []
	for i in range(200):
		monday = mondays[i % len(mondays)]
		at = lambda day, hhmm: f"{monday + timedelta(days=day)} {hhmm}"  # noqa: E731
		officer = OFFICERS[i % 2]
		specialist = SPECIALISTS[i % 4]
		channel = "Postal" if i % 10 == 3 else "Direct"
		received = f"08:{i // len(mondays):02d}"
		with frozen(at(0, received)):
			doc = as_user(officer, lambda: new_dossier(procedure, unit=WARD, channel=channel).insert())
			assign({"doctype": "Dossier", "name": doc.name, "assign_to": [specialist]})
		doc = as_user(officer, act, doc, "Start Processing", at(0, "09:00"), frozen)
		outcome = rng.choices(("early", "on_time", "late"), PROFILES[specialist])[0]
		supplements = rng.choice((0, 0, 0, 1, 2))
		for k in range(supplements):
			doc = as_user(
				specialist,
				act,
				doc,
				"Request Supplement",
				at(0, f"09:{10 + 20 * k}"),
				frozen,
				supplement_request="Bổ sung bản sao",
			)
			doc = as_user(officer, act, doc, "Supplement Received", at(0, f"09:{20 + 20 * k}"), frozen)
		if outcome == "early":
			doc = as_user(specialist, act, doc, "Submit for Signature", at(0, "10:30"), frozen)
			doc = as_user(LEADER, act, doc, "Resolve", at(0, "14:00"), frozen)
		elif outcome == "on_time":
			doc = as_user(specialist, act, doc, "Submit for Signature", at(1, "09:00"), frozen)
			doc = as_user(LEADER, act, doc, "Resolve", at(3, "07:45"), frozen)
		else:
			with frozen(at(1, "10:00")):
				as_user(
					officer,
					lambda: frappe.get_doc("Dossier", doc.name).issue_apology(
						f"{monday + timedelta(days=7)} 10:00", "Chờ xác minh"
					),
				)
			doc = as_user(specialist, act, doc, "Submit for Signature", at(3, "07:40"), frozen)
			doc = as_user(LEADER, act, doc, "Resolve", at(4, "09:00"), frozen)
		doc = as_user(officer, act, doc, "Return Result", at(4, "15:00"), frozen)
		if i % 3 == 0:
			with frozen(at(4, "15:05")):
				as_user(
					officer,
					lambda: frappe.get_doc(
						{"doctype": "Citizen Rating", "dossier": doc.name, "rating": 1 + i % 5}
					).insert(),
				)
		names.append(doc.name)
	return names


def expected_rows(names) -> dict[str, dict]:
	"""Every component, the points, score, level and title, from the documents and RULES."""
	rules = {r[1]: r for r in RULES}
	rows = defaultdict(lambda: defaultdict(float))
	ratings = defaultdict(list)
	for name in names:
		doc = frappe.get_doc("Dossier", name)
		holders = {s.holder for s in doc.steps if s.holder}
		late_holders = {s.holder for s in doc.steps if s.holder and s.timeliness == "Late"}
		rows[doc.steps[0].holder]["dossiers_received"] += 1
		for user in holders:
			rows[user]["dossiers_handled"] += 1
			rows[user][{"Early": "early", "On Time": "on_time", "Late": "late"}[doc.timeliness]] += 1
		for step in doc.steps:
			if step.timeliness == "Late":
				rows[step.holder]["steps_late"] += 1
				rows[step.holder]["points"] += rules["Step Late"][3]
		if doc.timeliness == "Early":
			for user in holders:
				rows[user]["points"] += rules["Dossier Resolved Early"][3]
		if doc.timeliness == "Late":
			for user in late_holders or holders:
				rows[user]["points"] += rules["Dossier Resolved Late"][3]
		supplement_pauses = [p for p in doc.pauses if p.pause_type == "Supplement"]
		for n, pause in enumerate(supplement_pauses, start=1):
			rows[pause.started_by]["supplements_requested"] += 1
			if n > 1:
				rows[pause.started_by]["points"] += rules["Supplement Requested"][3]
		if doc.apology_by:
			rows[doc.apology_by]["apologies"] += 1
			# the specialist assigned (their task closed once the dossier left their hands)
			assignee = frappe.db.get_value(
				"ToDo", {"reference_type": "Dossier", "reference_name": name}, "allocated_to"
			)
			rows[assignee]["points"] += rules["Apology Issued"][3]
		if doc.channel == "Postal":
			rows[doc.steps[0].holder]["points"] += rules["Custom"][3]
		rating = frappe.db.get_value("Citizen Rating", {"dossier": name}, "rating")
		if rating:
			for user in holders:
				ratings[user].append(rating)
				rows[user]["points"] += min(0.5 * rating, 2)
	for user, values in ratings.items():
		rows[user]["ratings_count"] = len(values)
		rows[user]["avg_rating"] = round(sum(values) / len(values), 2)
	result = {}
	for user, values in rows.items():
		v = {field: values.get(field, 0) for field in arithmetic.COMPONENTS}
		v["points"] = round(v["points"], 2)
		v["resolved"] = v["early"] + v["on_time"] + v["late"]
		v["on_time_rate"] = (
			round(100 * (v["early"] + v["on_time"]) / v["resolved"], 2) if v["resolved"] else 0
		)
		task = 0.6 * v["on_time_rate"] if v["resolved"] else 60
		bonus = 10 * v["points"] / v["dossiers_handled"] if v["dossiers_handled"] else v["points"]
		v["final_score"] = round(min(100, max(0, 30 + task + bonus)) + 1e-9, 2)
		score = v["final_score"]
		v["rating_level"] = (
			"Excellent"
			if score >= 90
			else "Good"
			if score >= 70
			else "Complete"
			if score >= 50
			else "Not Complete"
		)
		result[user] = v
	# the quota: at most 20% of those rated Good or better are Excellent, ties never split
	good_or_better = sum(1 for v in result.values() if v["rating_level"] in ("Excellent", "Good"))
	cap = good_or_better * 20 // 100
	kept = 0
	by_score = defaultdict(list)
	for user, v in result.items():
		if v["rating_level"] == "Excellent":
			by_score[v["final_score"]].append(user)
	admitting = True
	for score in sorted(by_score, reverse=True):
		group = by_score[score]
		if admitting and kept + len(group) <= cap:
			kept += len(group)
			continue
		admitting = False
		for user in group:
			result[user]["rating_level"] = "Good"
	for v in result.values():
		v["proposed_title"] = "Giấy khen" if v["rating_level"] == "Excellent" else ""
	return result


COMPARED = (*arithmetic.COMPONENTS, "final_score", "rating_level", "proposed_title")


def frozen_rows(period: str) -> dict[str, dict]:
	rows = frappe.get_all("Staff Period Score", filters={"emulation_period": period}, fields=["*"])
	return {row.user: {field: row[field] for field in (*COMPARED, "rank", "employee")} for row in rows}


def test_a_quarter_closes_into_the_scores_the_rules_give(rules_of_the_test, frozen):
	make_ward(WARD, "_Test Phường Thi Đua")
	procedure = procedure_with_process()
	employees = {}
	for user, role in [
		*((u, "One-Stop Officer") for u in OFFICERS),
		*((u, "Specialist") for u in SPECIALISTS),
		(LEADER, "Ward Leader"),
	]:
		make_unit_user(user, role, unit=WARD)
		employees[user] = make_employee(user, user.split("@")[0])
	ledger.clear_caches()

	names = run_quarter(frozen, procedure, random.Random(2026))
	expected = expected_rows(names)
	assert set(expected) == set(employees)
	levels = {v["rating_level"] for v in expected.values()}
	assert len(levels) >= 3, levels  # the quarter is not a trivial one

	# a real clock has microseconds: Frappe compares a saved document's timestamp as text
	with frozen("2026-04-01 09:00:00.250000"):
		period = frappe.get_doc(
			{
				"doctype": "Emulation Period",
				"administrative_unit": WARD,
				"period_type": "Quarter",
				"from_date": "2026-02-14",
			}
		).insert()
		assert (str(period.from_date), str(period.to_date)) == ("2026-01-01", "2026-03-31")
		live = {row["user"]: row for row in period.get_scores()}
		names_of_scores = period.close_period()
	rows = frozen_rows(period.name)
	assert len(names_of_scores) == len(employees)
	for user, values in expected.items():
		got = rows[user]
		assert got["employee"] == employees[user]
		for field in COMPARED:
			assert (
				got[field] == pytest.approx(values[field])
				if isinstance(values[field], float)
				else got[field] == values[field]
			), (user, field, got[field], values[field])
		assert live[user]["final_score"] == got["final_score"]
	# ranks: 1 for the best, equal scores share a rank
	ordered = sorted(rows.values(), key=lambda r: -r["final_score"])
	assert ordered[0]["rank"] == 1
	assert all(a["rank"] <= b["rank"] for a, b in itertools.pairwise(ordered))

	# proposals: a commendation per proposed title, a review per Not Complete
	commendations = frappe.get_all("Commendation", filters={"emulation_period": period.name}, pluck="user")
	assert sorted(commendations) == sorted(u for u, v in expected.items() if v["proposed_title"])
	reviews = frappe.get_all("Disciplinary Review", filters={"emulation_period": period.name}, pluck="user")
	assert sorted(reviews) == sorted(u for u, v in expected.items() if v["rating_level"] == "Not Complete")

	# closing again changes nothing; reopening (with a reason) and closing gives identical rows
	assert sorted(period.close_period()) == sorted(names_of_scores)
	period.reload()
	period.reopen_period("Sửa dữ liệu hồ sơ nhập sai")
	assert not frappe.db.exists("Staff Period Score", {"emulation_period": period.name})
	period.reload()
	period.close_period()
	assert frozen_rows(period.name) == rows
	period.reload()
	assert [(row.action, row.reason) for row in period.log] == [
		("Closed", None),
		("Reopened", "Sửa dữ liệu hồ sơ nhập sai"),
		("Closed", None),
	]

	# the ledger: saving a dossier again or re-running an event credits nothing twice
	count = frappe.db.count("Emulation Point Entry", {"administrative_unit": WARD})
	doc = frappe.get_doc("Dossier", names[0])
	replay_events(doc)
	ledger.credit(doc, list(ledger.events_of_save(doc)))
	doc.save()
	assert frappe.db.count("Emulation Point Entry", {"administrative_unit": WARD}) == count


def replay_events(doc) -> None:
	"""The events of the dossier's present state recorded again, as if this save had just made
	them: its resolution while it waits to be returned, the supplement it waits for, its apology,
	every step completed late."""
	from frappe.utils import get_datetime, now_datetime

	from ward_admin.services import dossier_events
	from ward_admin.services import dossier_states as codes

	now, user = now_datetime(), frappe.session.user
	dossier_events.start(doc)
	if doc.status_code == codes.RESOLVED:
		dossier_events.record(doc, dossier_events.RESOLVED, now, user, timeliness=doc.timeliness)
	supplements = [p for p in doc.pauses if p.pause_type == "Supplement"]
	if doc.status_code == codes.AWAITING_SUPPLEMENT and supplements:
		dossier_events.record(doc, dossier_events.SUPPLEMENT_REQUESTED, now, user, row=supplements[-1])
	if doc.apology_issued_at:
		dossier_events.record(doc, dossier_events.APOLOGY_ISSUED, get_datetime(doc.apology_issued_at), user)
	for step in doc.steps:
		if step.completed_at and step.timeliness == "Late" and step.holder:
			dossier_events.record(doc, dossier_events.STEP_LATE, now, user, row=step)
