"""The default emulation rules (docs/rules.md, "Emulation"), installed once as data an admin may edit.

Modelled on Circular 01/2018 Arts 13-15 (a dossier's time against its limit, each body's time,
repeated contacts with the citizen, the attitude shown in the citizen's rating) and on Decree
335/2025 (each late item costs a share of its progress points): early results and satisfied
citizens earn points; late dossiers and steps, apologies, repeated supplement requests, days
overdue and dissatisfied citizens cost them. Resolving on time is the duty itself: no points.
"""

import frappe

DEFAULT_RULES = (
	# name, event, credit to, points, condition, description (data: in Vietnamese, as users read it)
	(
		"Trả kết quả trước hạn",
		"Dossier Resolved Early",
		"Step Holder",
		1,
		None,
		"Thông tư 01/2018, tiêu chí 1: trả kết quả trước thời hạn được điểm cao nhất",
	),
	(
		"Giải quyết quá hạn",
		"Dossier Resolved Late",
		"Step Holder",
		-2,
		None,
		"Hồ sơ trễ hạn: trừ điểm người giữ các bước trễ (mọi người xử lý khi không bước nào trễ)",
	),
	(
		"Bước xử lý trễ hạn",
		"Step Late",
		"Step Holder",
		-1,
		None,
		"Thông tư 01/2018 tiêu chí 2, Nghị định 335/2025: mỗi việc trễ hạn bị trừ điểm tiến độ",
	),
	(
		"Xin lỗi, hẹn lại ngày trả",
		"Apology Issued",
		"Assignee",
		-1,
		None,
		"Mẫu 04: hồ sơ sẽ trễ hạn; công chức đang xử lý chịu trách nhiệm về sự chậm trễ",
	),
	(
		"Yêu cầu bổ sung nhiều lần",
		"Supplement Requested",
		"Resolver",
		-1,
		"doc.supplements > 1",
		"Thông tư 01/2018 tiêu chí 3: yêu cầu người dân bổ sung hồ sơ quá một lần",
	),
	(
		"Người dân rất hài lòng",
		"Citizen Rating",
		"Step Holder",
		1,
		"doc.rating == 5",
		"Thông tư 01/2018 tiêu chí 7: thái độ phục vụ qua đánh giá của người dân",
	),
	(
		"Người dân không hài lòng",
		"Citizen Rating",
		"Step Holder",
		-1,
		"doc.rating <= 2",
		"Thông tư 01/2018 tiêu chí 7: thái độ phục vụ qua đánh giá của người dân",
	),
	(
		"Hồ sơ quá hạn (mỗi ngày làm việc)",
		"Dossier Overdue",
		"Assignee",
		-0.5,
		None,
		"Mỗi ngày làm việc hồ sơ còn quá hạn, trừ điểm người đang giữ hồ sơ",
	),
)


def ensure_default_rules() -> None:
	for name, event, credit_to, points, condition, description in DEFAULT_RULES:
		if frappe.db.exists("Emulation Rule", name):
			continue
		frappe.get_doc(
			{
				"doctype": "Emulation Rule",
				"rule_name": name,
				"event": event,
				"credit_to": credit_to,
				"points": points,
				"condition": condition,
				"description": description,
				"enabled": 1,
			}
		).insert(ignore_permissions=True)
