from ward_admin.setup.install import grant_holiday_list_access


def execute():
	"""Sites installed before Ward Admins could edit Holiday Lists get the permission once."""
	grant_holiday_list_access()
