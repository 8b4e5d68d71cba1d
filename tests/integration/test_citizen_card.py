"""The counter reads a chip ID card's QR code into the applicant's fields (issue "The counter in
seconds"); only whoever receives dossiers may, and a bad scan says what to do in Vietnamese."""

import frappe
import pytest
from dossier_factory import make_unit_user, make_ward

from ward_admin.one_stop.doctype.dossier.citizen_card import InvalidCardScanError, read_card

SCAN = "001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Hàng Bài, Hoàn Kiếm, Hà Nội|15082021\r\n"


def test_an_officer_reads_a_card_into_the_applicant(db):
	officer = make_unit_user("_card.officer@example.vn", "One-Stop Officer", make_ward())
	frappe.set_user(officer)
	card = read_card(SCAN)
	assert card == {
		"applicant_name": "Nguyễn Văn An",
		"applicant_id_number": "001090012345",
		"applicant_address": "Số 1 Hàng Bài, Hoàn Kiếm, Hà Nội",
		"date_of_birth": "1990-01-01",
		"sex": "Nam",
		"accents_lost": False,
	}
	with pytest.raises(InvalidCardScanError):
		read_card("001090012345|123456789|Nguyễn Văn An")
	with pytest.raises(InvalidCardScanError):
		read_card(SCAN.replace("001090012345", "００1090012345"))


def test_only_who_receives_dossiers_reads_a_card(db):
	inspector = make_unit_user("_card.inspector@example.vn", "Inspector", make_ward())
	frappe.set_user(inspector)
	with pytest.raises(frappe.PermissionError):
		read_card(SCAN)
