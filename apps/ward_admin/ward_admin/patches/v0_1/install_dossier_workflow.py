from ward_admin.setup.workflow import ensure_dossier_workflow


def execute():
	"""Sites installed before the dossier workflow shipped get it once; an edited one is kept."""
	ensure_dossier_workflow()
