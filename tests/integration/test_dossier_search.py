"""Finding a dossier at the counter (issue "The counter in seconds"): by code, by the applicant's
name with or without accents, by the whole citizen ID for roles that may read it; only in the
reader's own unit. The same rule answers the list's box, the awesome bar and Link fields."""

import frappe
import pytest
from dossier_factory import make_procedure, make_unit_user, make_ward, receive

from ward_admin.one_stop.doctype.dossier import clock, search
from ward_admin.permissions.routes import search_link

OTHER = "999.41.02.H99"


@pytest.fixture
def dossiers(db, frozen):
	unit = make_ward()
	make_ward(OTHER, "_Test Phường Tìm Khác")
	procedure = make_procedure()
	mine = receive(procedure, frozen, applicant_name="Trần Thị Bích Ngọc", applicant_id_number="079190001234")
	other = receive(
		procedure,
		frozen,
		unit=OTHER,
		applicant_name="Trần Thị Bích Ngọc",
		applicant_id_number="079190001234",
	)
	yield unit, mine, other
	frappe.set_user("Administrator")


def names(rows):
	return {row.name if hasattr(row, "name") else row["name"] for row in rows}


def test_the_officer_finds_by_code_name_and_citizen_id(dossiers):
	unit, mine, other = dossiers
	frappe.set_user(make_unit_user("_search.officer@example.vn", "One-Stop Officer", unit))
	assert names(search.find(mine.name)) == {mine.name}
	assert names(search.find(mine.name[-11:])) == {mine.name}  # "-YYMMDD-NNNN" as read aloud
	assert names(search.find("tran thi bich ngoc")) == {mine.name}  # no accents, any case
	assert names(search.find("079190001234")) == {mine.name}
	assert names(search.find("0791 9000 1234")) == {mine.name}  # spaced as read from the card
	assert search.find("0791900") == []  # no prefix search on a citizen ID
	assert other.name not in names(search.find("Bích Ngọc"))  # another unit's dossier


def test_roles_that_may_not_read_the_id_cannot_search_by_it(dossiers):
	unit, mine, _other = dossiers
	frappe.set_user(make_unit_user("_search.inspector@example.vn", "Inspector", unit))
	assert "applicant_id_number" not in str(search.conditions("079190001234"))
	assert search.find("079190001234") == []
	assert names(search.find("Bích Ngọc")) == {mine.name}


def test_link_fields_search_the_same_way(dossiers):
	unit, mine, _other = dossiers
	frappe.set_user(make_unit_user("_search.officer@example.vn", "One-Stop Officer", unit))
	results = search_link("Dossier", "bich ngoc")
	assert {row["value"] for row in results} == {mine.name}
	assert "Trần Thị Bích Ngọc" in results[0]["description"]


def test_short_text_is_refused(dossiers):
	with pytest.raises(frappe.ValidationError):
		search.find("ab")


def test_the_lists_clock_badges_are_the_readers_own(dossiers):
	unit, mine, other = dossiers
	frappe.set_user(make_unit_user("_search.officer@example.vn", "One-Stop Officer", unit))
	found = clock.badges([mine.name, other.name, "no-such-dossier"])
	assert set(found) == {mine.name}
	assert found[mine.name]["state"] in ("running", "overdue")
	with pytest.raises(frappe.ValidationError):
		clock.badges(["x"] * (clock.MAX_BADGES + 1))
