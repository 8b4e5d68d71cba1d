"""Citizens open their own accounts (issue 22): Frappe's sign-up is open on the portal, gives the
Citizen role (a website user, no desk), and answers 429 past five sign-ups from one address in ten
minutes (Frappe itself only caps the whole site). The e-mail that proves the address is followed
end to end in tests/browser/test_portal_journey.py."""

import frappe
import requests

SIGN_UP = "/api/method/frappe.core.doctype.user.user.sign_up"
NEW = "_sign_up.congdan@example.vn"


def _forget():
	frappe.db.rollback()
	if frappe.db.exists("User", NEW):
		frappe.delete_doc("User", NEW, force=True, ignore_permissions=True)
	for address in ("127.0.0.1", "local"):
		frappe.cache.delete(
			frappe.cache.make_key(f"rl:ward_admin-guest:frappe.core.doctype.user.user.sign_up:{address}")
		)
	frappe.db.commit()


def test_a_guest_signs_up_as_a_citizen_and_the_sixth_sign_up_in_ten_minutes_is_429(desk_url):
	_forget()
	try:
		assert not frappe.db.get_single_value("Website Settings", "disable_signup")
		# the login and sign-up pages name the portal, not Frappe
		login = requests.get(f"{desk_url}/login", timeout=60).text
		assert "Tạo tài khoản Một cửa phường" in login and "Tạo tài khoản Frappe" not in login
		first = requests.post(
			f"{desk_url}{SIGN_UP}",
			data={"email": NEW, "full_name": "Công Dân Mới", "redirect_to": ""},
			headers={"Accept": "application/json"},
			timeout=60,
		)
		assert first.status_code == 200, first.text[-300:]
		frappe.db.rollback()
		assert frappe.db.get_value("User", NEW, "user_type") == "Website User"
		roles = set(frappe.get_all("Has Role", filters={"parent": NEW}, pluck="role"))
		assert "Citizen" in roles and not {"System Manager", "One-Stop Officer", "Ward Admin"} & roles
		statuses = [
			requests.post(
				f"{desk_url}{SIGN_UP}",
				data={"email": NEW, "full_name": "Công Dân Mới", "redirect_to": ""},
				headers={"Accept": "application/json"},
				timeout=60,
			).status_code
			for _i in range(5)
		]
		assert statuses == [200, 200, 200, 200, 429], statuses
	finally:
		_forget()
