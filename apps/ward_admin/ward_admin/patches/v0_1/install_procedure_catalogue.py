from ward_admin.setup.catalogue import ensure_procedure_catalogue


def execute():
	"""Sites installed before the catalogue shipped get it once; new sites get it on install."""
	ensure_procedure_catalogue()
