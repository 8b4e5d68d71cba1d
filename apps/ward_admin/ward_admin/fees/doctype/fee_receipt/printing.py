"""What the e-receipt's print format (fees/print_format) prints beside the receipt's own fields:
the collecting organisation and its tax code, the amount in Vietnamese, and the QR code of the
public verification page. Registered as a Jinja method in hooks.py."""

import frappe

from ward_admin.printing import format_vnd, qr_code_svg, unit_header

STATUS = {
	"Draft": "Chưa phát hành",
	"Issued": "Đã phát hành",
	"Cancelled": "Đã hủy",
	"Replaced": "Đã thay thế",
}
CHANNELS = {"Cash": "Tiền mặt", "Bank Transfer": "Chuyển khoản", "Online": "Thanh toán trực tuyến"}


def receipt_print_context(doc) -> frappe._dict:
	company = frappe.db.get_value(
		"Company", doc.company, ["company_name", "tax_id"], as_dict=True
	) or frappe._dict(company_name=doc.company or "", tax_id="")
	url = frappe.utils.get_url(f"/bien-lai/{doc.verification_token}") if doc.verification_token else ""
	return frappe._dict(
		header=unit_header(doc.administrative_unit),
		organisation=company.company_name,
		tax_id=company.tax_id or "",
		amount=format_vnd(doc.amount),
		channel=CHANNELS.get(doc.payment_channel, doc.payment_channel or ""),
		status=STATUS.get(doc.status, doc.status or ""),
		number=f"{doc.receipt_number:07d}" if doc.receipt_number else "",
		verification_url=url,
		qr=qr_code_svg(url) if url and doc.docstatus == 1 else "",
	)
