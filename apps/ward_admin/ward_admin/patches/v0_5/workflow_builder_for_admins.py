from ward_admin.setup.install import grant_admin_tools


def execute():
	"""The province's admin reshapes the Dossier workflow in Frappe's visual builder too (it answered
	403 to anyone but a System Manager); every grant is added once, so an operator's changes stay."""
	grant_admin_tools()
