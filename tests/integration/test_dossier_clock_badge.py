"""The form's clock badge, default notice and apology button follow the dossier's clock (issue "The
counter in seconds"). A 3-working-day dossier received Mon 2 March 2026 10:00 is due Thu 5 March
10:00 (7.5 working hours a day: 07:30-11:30, 13:30-17:00)."""

from datetime import datetime

from dossier_factory import act, make_procedure, make_ward, receive

from ward_admin.one_stop.doctype.dossier import clock


def test_running_paused_and_overdue(db, frozen):
	make_ward()
	doc = receive(make_procedure(), frozen)
	assert clock.badge(doc, datetime(2026, 3, 2, 11, 0)) == {
		"state": "running",
		"due_at": "2026-03-05 10:00:00",
		"hours": 21.5,
	}
	assert clock.badge(doc, datetime(2026, 3, 6, 10, 0)) == {
		"state": "overdue",
		"due_at": "2026-03-05 10:00:00",
		"hours": 7.5,
	}
	assert clock.default_print_format(doc) == clock.FORM_01
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	doc = act(
		doc, "Request Supplement", "2026-03-03 09:00", frozen, supplement_request="Bản sao giấy khai sinh"
	)
	assert clock.badge(doc) == {"state": "paused", "since": "2026-03-03 09:00:00", "reason": "Supplement"}
	assert clock.default_print_format(doc).startswith("02 ")


def test_the_apology_button_shows_while_an_apology_helps(db, frozen):
	make_ward()
	doc = receive(make_procedure(), frozen)
	doc = act(doc, "Start Processing", "2026-03-02 10:30", frozen)
	assert not clock.apology_useful(doc, datetime(2026, 3, 2, 11, 0))  # on time, most of the time left
	assert not clock.apology_useful(doc, datetime(2026, 3, 3, 15, 0))  # 12 of 22.5 hours left
	assert clock.apology_useful(doc, datetime(2026, 3, 4, 9, 0))  # 8.5 hours left, apology by Wed 10:00
	assert not clock.apology_useful(doc, datetime(2026, 3, 4, 10, 30))  # too late for the law
