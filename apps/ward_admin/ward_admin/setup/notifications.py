"""The Vietnamese texts citizens receive at each step of their dossier (Citizen Notification
Template), installed once each: a province's admin edits them afterwards, and a migrate never
overwrites an edit."""

import frappe

# (event, channel): (subject, body)
DEFAULT_TEMPLATES = {
	("Dossier Received", "Email"): (
		"Tiếp nhận hồ sơ {dossier}",
		"Kính gửi Ông/Bà {applicant_name},\n\n{unit_name} đã tiếp nhận hồ sơ {procedure_name} lúc "
		"{received_at}.\nMã hồ sơ: {dossier}\nMã tra cứu: {lookup_secret}\nHẹn trả kết quả: "
		"{appointment_at}\n\nTra cứu tình trạng hồ sơ: {lookup_link}",
	),
	("Dossier Received", "SMS"): (
		"",
		"{unit_name} da tiep nhan ho so {dossier}. Ma tra cuu: {lookup_secret}. Hen tra: {appointment_at}",
	),
	("Supplement Requested", "Email"): (
		"Yêu cầu bổ sung hồ sơ {dossier}",
		"Kính gửi Ông/Bà {applicant_name},\n\nHồ sơ {dossier} ({procedure_name}) cần bổ sung:\n"
		"{supplement_request}\n\nTra cứu: {lookup_link}",
	),
	("Supplement Requested", "SMS"): (
		"",
		"Ho so {dossier} can bo sung: {supplement_request}",
	),
	("Payment Requested", "Email"): (
		"Thông báo nộp phí, lệ phí hồ sơ {dossier}",
		"Kính gửi Ông/Bà {applicant_name},\n\nHồ sơ {dossier} cần nộp phí, lệ phí: {fee_amount}.\n"
		"Nộp trực tuyến: {payment_link}",
	),
	("Payment Requested", "SMS"): ("", "Ho so {dossier} can nop phi, le phi {fee_amount}: {payment_link}"),
	("Apology Issued", "Email"): (
		"Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ {dossier}",
		"Kính gửi Ông/Bà {applicant_name},\n\n{unit_name} xin lỗi vì hồ sơ {dossier} chưa giải quyết "
		"đúng hẹn. Thời gian hẹn trả kết quả mới: {appointment_at}.",
	),
	("Apology Issued", "SMS"): ("", "Ho so {dossier}: xin loi Ong/Ba, hen tra ket qua moi: {appointment_at}"),
	("Dossier Refused", "Email"): (
		"Hồ sơ {dossier} không được tiếp nhận",
		"Kính gửi Ông/Bà {applicant_name},\n\nHồ sơ {procedure_name} không được tiếp nhận. Lý do: "
		"{refusal_reason}",
	),
	("Dossier Refused", "SMS"): ("", "Ho so {dossier} khong duoc tiep nhan. Ly do: {refusal_reason}"),
	("Processing Stopped", "Email"): (
		"Dừng giải quyết hồ sơ {dossier}",
		"Kính gửi Ông/Bà {applicant_name},\n\nHồ sơ {dossier} ({procedure_name}) dừng giải quyết. "
		"Lý do: {stop_reason}",
	),
	("Processing Stopped", "SMS"): ("", "Ho so {dossier} dung giai quyet. Ly do: {stop_reason}"),
	("Result Ready", "Email"): (
		"Đã có kết quả hồ sơ {dossier}",
		"Kính gửi Ông/Bà {applicant_name},\n\nHồ sơ {dossier} ({procedure_name}) đã có kết quả. Mời "
		"Ông/Bà đến {unit_name} nhận kết quả.",
	),
	("Result Ready", "SMS"): ("", "Ho so {dossier} da co ket qua. Moi Ong/Ba den {unit_name} nhan ket qua."),
	("Result Returned", "Email"): (
		"Đã trả kết quả hồ sơ {dossier}",
		"Kính gửi Ông/Bà {applicant_name},\n\nHồ sơ {dossier} đã được trả kết quả. Xin Ông/Bà đánh giá "
		"mức độ hài lòng: {rating_link}",
	),
	("Result Returned", "SMS"): ("", "Ho so {dossier} da tra ket qua. Danh gia: {rating_link}"),
}


def ensure_notification_templates() -> None:
	from ward_admin.ward_integrations.doctype.citizen_notification_template.citizen_notification_template import (
		template_name,
	)

	# templates named before their names were Vietnamese ("Result Returned (SMS)") take theirs
	for row in frappe.get_all("Citizen Notification Template", fields=["name", "event", "channel"]):
		name = template_name(row.event, row.channel)
		if row.name != name and not frappe.db.exists("Citizen Notification Template", name):
			frappe.rename_doc("Citizen Notification Template", row.name, name, force=True, show_alert=False)
			# an upgrade's renaming is no admin's edit: the template's history does not show it
			frappe.db.delete(
				"Comment",
				{
					"reference_doctype": "Citizen Notification Template",
					"reference_name": name,
					"comment_type": "Edit",
				},
			)
	for (event, channel), (subject, body) in DEFAULT_TEMPLATES.items():
		if frappe.db.exists("Citizen Notification Template", {"event": event, "channel": channel}):
			continue
		frappe.get_doc(
			{
				"doctype": "Citizen Notification Template",
				"event": event,
				"channel": channel,
				"enabled": 1,
				"subject": subject or None,
				"body": body,
			}
		).insert(ignore_permissions=True)
