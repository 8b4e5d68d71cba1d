from ward_admin.portal.setup import open_sign_up


def execute():
	"""Citizens sign up on the portal (issue 22): sites installed before it kept Frappe's sign-up
	closed, so "Đăng ký" answered that sign-up is disabled."""
	open_sign_up()
