from ward_admin.setup.workflow import stop_workflow_actions


def execute():
	"""Dossier states become optional states: no role-wide Workflow Actions (setup/workflow.py)."""
	stop_workflow_actions()
