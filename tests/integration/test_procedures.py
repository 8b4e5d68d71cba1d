"""The procedure catalogue: shipped data, versions in force by date, fee rules, bad input."""

import frappe
import pytest

from ward_admin.ward_setup.doctype.administrative_procedure.versions import (
	get_effective_procedure,
	make_new_version,
)


def test_catalogue_is_installed():
	codes = frappe.get_all("Administrative Procedure", pluck="procedure_code", limit=0)
	assert len(set(codes)) >= 15
	birth = frappe.get_doc("Administrative Procedure", get_effective_procedure("1.001193", "2026-01-05"))
	assert birth.procedure_field == "Hộ tịch"
	assert birth.time_unit == "Working Days"
	assert birth.supplement_policy == "Restart"
	assert any(row.mandatory for row in birth.documents)


def test_certified_copy_fee_from_its_rules():
	name = get_effective_procedure("2.000815", "2026-01-05")
	procedure = frappe.get_doc("Administrative Procedure", name)
	assert procedure.get_fee(pages=3, copies=2) == 10_000
	assert procedure.get_fee(pages=3, copies=2, exempt=1) == 0


def make_procedure(**values):
	doc = {
		"doctype": "Administrative Procedure",
		"procedure_code": "9.999001",
		"procedure_name": "_Test thủ tục",
		"procedure_field": "Hộ tịch",
		"processing_time": 3,
		"time_unit": "Working Days",
		"effective_from": "2025-07-01",
		"documents": [{"document_name": "Tờ khai", "mandatory": 1}],
	}
	doc.update(values)
	return frappe.get_doc(doc)


def test_new_version_keeps_the_old_one_for_old_dossiers():
	v1 = make_procedure().insert()
	assert v1.name == "9.999001-V1"

	v2_name = make_new_version(v1.name, "2027-03-01")
	v2 = frappe.get_doc("Administrative Procedure", v2_name)
	assert (v2.version, str(v2.effective_from), v2.supersedes) == (2, "2027-03-01", v1.name)
	assert str(frappe.db.get_value("Administrative Procedure", v1.name, "effective_to")) == "2027-02-28"

	assert get_effective_procedure("9.999001", "2027-02-28") == v1.name
	assert get_effective_procedure("9.999001", "2027-03-01") == v2.name
	with pytest.raises(frappe.ValidationError, match="in force"):
		get_effective_procedure("9.999001", "2025-06-30")


def test_new_version_must_start_later():
	v1 = make_procedure().insert()
	with pytest.raises(frappe.ValidationError, match="must take effect after"):
		make_new_version(v1.name, "2025-07-01")
	assert frappe.db.count("Administrative Procedure", {"procedure_code": "9.999001"}) == 1


def test_overlapping_versions_are_refused():
	make_procedure().insert()
	with pytest.raises(frappe.ValidationError, match="overlap"):
		make_procedure(effective_from="2026-01-01").insert()
	assert frappe.db.count("Administrative Procedure", {"procedure_code": "9.999001"}) == 1


@pytest.mark.parametrize(
	"values, message",
	[
		({"procedure_code": "khai sinh"}, "not a national procedure code"),
		({"effective_to": "2025-01-01"}, "Effective To cannot be before"),
		({"fee_rules": [{"rule_type": "Flat", "amount": -5}]}, "negative"),
		(
			{"documents": [{"document_name": "Tờ khai", "mandatory": 1}, {"document_name": "tờ khai "}]},
			"listed twice",
		),
		({"processing_time": -1}, "negative|Processing Time"),
	],
)
def test_bad_procedure_is_refused_and_nothing_written(values, message):
	with pytest.raises(frappe.ValidationError, match=message):
		make_procedure(**values).insert()
	assert not frappe.db.exists("Administrative Procedure", {"procedure_name": "_Test thủ tục"})
