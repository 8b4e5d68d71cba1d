from ward_admin.setup.install import ensure_one_stop_settings


def execute():
	"""Sites installed before One-Stop Settings shipped get its defaults saved once."""
	ensure_one_stop_settings()
