from ward_admin.setup.wizard import localise_formats


def execute():
	localise_formats()
