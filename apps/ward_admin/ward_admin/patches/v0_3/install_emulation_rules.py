from ward_admin.setup.emulation import ensure_default_rules


def execute():
	ensure_default_rules()
