"""The national public-service portal's intake (docs/contract.md, "Integrations"): the portal
pushes the dossiers citizens filed there, by the API key of a user with the role National Portal.

	POST /api/method/ward_admin.api.national.receive  (JSON: MaHoSo, MaTTHC, MaDonVi, ChuHoSo,
	MaDoiTuong, SoDienThoai, Email, DiaChi, TaiLieuNop = [{TenGiayTo}])  ->  {"dossier": code}

The rules live in `ward_admin.integrations.intake`.
"""

import frappe

from ward_admin.integrations import intake


@frappe.whitelist(methods=["POST"])
def receive(**fields) -> dict:
	if intake.ROLE not in frappe.get_roles():
		raise frappe.PermissionError(frappe._("Only the national portal pushes its dossiers here"))
	# Frappe sets a request's language before an API key names its user: the user's own applies
	if language := frappe.db.get_value("User", frappe.session.user, "language"):
		frappe.local.lang = language
	fields.pop("cmd", None)
	return intake.receive(fields)
