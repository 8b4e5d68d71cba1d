"""Every override of Frappe is listed in ward_admin/framework.py, and what it installs is in place."""

from pathlib import Path

import frappe

from ward_admin import framework

APP = Path(frappe.get_app_path("ward_admin"))


def test_every_override_in_hooks_and_the_desk_is_listed_in_framework():
	listed = framework.__doc__
	hooks = frappe.get_hooks(app_name="ward_admin")
	for doctype, targets in hooks["override_doctype_class"].items():
		target = targets[-1] if isinstance(targets, list) else targets
		module = target.rsplit(".", 1)[0].removeprefix("ward_admin.").replace(".", "/")
		assert f"{module}.py" in listed and doctype in listed, (doctype, target)
	for targets in hooks["override_whitelisted_methods"].values():
		target = targets[-1] if isinstance(targets, list) else targets
		assert target.startswith("ward_admin.permissions.routes."), target
	assert "permissions/routes.py" in listed
	for hook in ("standard_queries", "auth_hooks", "page_js"):
		assert hook in listed, hook
	for script in sorted((APP / "public" / "js").glob("*.js")):
		assert f"public/js/{script.name}" in listed, script.name


def test_what_framework_installs_is_in_place():
	from frappe.model.db_query import DatabaseQuery
	from frappe.workflow.doctype.workflow_action import workflow_action

	framework.install()
	framework.install()  # twice changes nothing
	for function in (
		DatabaseQuery.prepare_args,
		workflow_action.process_workflow_actions,
		frappe.app.handle_exception,
	):
		assert getattr(function, "wrapped_by_ward_admin", False), function
		assert not getattr(function.__wrapped__, "wrapped_by_ward_admin", False), function
	assert frappe.QueryTimeoutError.http_status_code == frappe.QueryDeadlockError.http_status_code == 409
	assert frappe.SecurityException.http_status_code == 429
	assert type(frappe.get_doc({"doctype": "File"})).__name__ == "WardFile"
