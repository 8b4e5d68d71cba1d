"""The year-end review list (print format "Danh sách bình xét thi đua"): always in Vietnamese.

The meeting reads, per staff member, the frozen score and rating of the period and what is
proposed for them; the print is a record of the meeting, so it shows the period's frozen rows only.
"""

import frappe

from ward_admin.printing import vn_date

LEVELS_VI = {
	"Excellent": "Hoàn thành xuất sắc nhiệm vụ",
	"Good": "Hoàn thành tốt nhiệm vụ",
	"Complete": "Hoàn thành nhiệm vụ",
	"Not Complete": "Không hoàn thành nhiệm vụ",
}
STATUS_VI = {"Proposed": "Đề nghị", "Approved": "Đã duyệt", "Rejected": "Không duyệt"}
PERIOD_VI = {"Month": "Tháng", "Quarter": "Quý", "Year": "Năm"}


def period_print_context(doc) -> dict:
	if doc.doctype != "Emulation Period":
		return {}
	doc.check_permission("read")
	scores = frappe.get_list(
		"Staff Period Score",
		filters={"emulation_period": doc.name},
		fields=[
			"name",
			"rank",
			"employee_name",
			"final_score",
			"rating_level",
			"proposed_title",
			"early",
			"on_time",
			"late",
			"points",
		],
		order_by="`rank` asc, employee_name asc",
		limit_page_length=0,
	)
	proposals = {}
	for doctype in ("Commendation", "Disciplinary Review"):
		for row in frappe.get_list(
			doctype,
			filters={"emulation_period": doc.name},
			fields=["staff_period_score", "status", "decision_number"],
			limit_page_length=0,
		):
			kind = "Khen thưởng" if doctype == "Commendation" else "Xem xét kỷ luật"
			decided = f" (QĐ số {row.decision_number})" if row.decision_number else ""
			proposals[row.staff_period_score] = f"{kind}: {STATUS_VI.get(row.status, row.status)}{decided}"
	unit = frappe.get_cached_value("Administrative Unit", doc.administrative_unit, "unit_name")
	return {
		"unit": unit,
		"period": f"{PERIOD_VI[doc.period_type]} ({vn_date(doc.from_date)} – {vn_date(doc.to_date)})",
		"rows": [
			{
				**row,
				"level": LEVELS_VI.get(row.rating_level, ""),
				"score": f"{row.final_score:.2f}".replace(".", ","),
				"points": f"{row.points:g}".replace(".", ","),
				"proposal": proposals.get(row.name, ""),
			}
			for row in scores
		],
		"closed": doc.status == "Closed",
	}
