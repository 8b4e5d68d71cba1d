"""Deny by default: which HTTP routes a user who is not a site operator may reach.

Frappe and ERPNext whitelist about 1,150 methods. Any logged-in user may call any of them,
and many take a doctype from the client and read it without permission checks (counts, charts,
workflow counters, tag lists, goal graphs, file copies; several ERPNext search queries paste
client text into SQL). Rather than patch them one by one, the `before_request` hook below lets
staff and citizens reach only:

- the methods the desk needs for the features ward staff use (`ALLOWED_METHODS`), each of them
  permission-checked by Frappe, by this app's hooks, or replaced in `ward_admin.permissions.routes`;
- the app's own methods (`ward_admin.*`), which check their own permissions;
- REST resource routes, with the rules of `check_resource`.

Site operators (Administrator, System Manager) are not restricted. Any other call answers 403
with a translated message. On the routes that are allowed, the guard also refuses:

- any reference to a personal-data field the user cannot read, in any parameter, when the
  target doctype is unit-scoped (filters, sort, group-by, search field, field lists);
- direct access to a unit-scoped record's child rows by name (Frappe checks those rows only
  against the parent doctype, not the parent record): they come with their record;
- base-Document methods (`rename`, `add_comment`, ...) called on a unit-scoped record through
  `run_doc_method` or REST: only the doctype's own whitelisted methods;
- client-supplied documents for printing, print formats of another doctype, copies of private
  files by URL, search queries and tree methods that are not themselves allowed;
- the `ignore_permissions`, `ignore_user_permissions` and `debug` switches of generic routes.
"""

import json
import math
import re

import frappe
from frappe import _

from ward_admin.permissions.scope import (
	hidden_fields,
	is_operator,
	is_unit_scoped,
	references,
	scoped_parent,
)

# Methods of Frappe and ERPNext that logged-in users who are not site operators may call. Each
# one is safe with this app's permission hooks and query guard, or replaced in
# `ward_admin.permissions.routes` (marked "replaced").
ALLOWED_METHODS = frozenset(
	{
		# session and desk shell (the user's own data)
		"login",
		"ping",
		"logout",
		"frappe.auth.get_logged_user",
		"frappe.realtime.get_user_info",
		"frappe.realtime.can_subscribe_doc",
		"frappe.realtime.can_subscribe_doctype",  # replaced
		"frappe.desk.desktop.get_workspace_sidebar_items",
		"frappe.desk.desktop.get_desktop_page",
		"frappe.desk.desk_page.getpage",
		"frappe.desk.doctype.route_history.route_history.deferred_insert",
		"frappe.desk.doctype.route_history.route_history.frequently_visited_links",
		"frappe.desk.notifications.get_notification_info",
		"frappe.desk.doctype.notification_log.notification_log.get_notification_logs",
		"frappe.desk.doctype.notification_log.notification_log.mark_all_as_read",
		"frappe.desk.doctype.notification_log.notification_log.mark_as_read",  # replaced
		"frappe.desk.doctype.notification_log.notification_log.trigger_indicator_hide",
		"frappe.desk.doctype.notification_settings.notification_settings.set_seen_value",
		"frappe.desk.doctype.event.event.get_events",
		"frappe.desk.doctype.dashboard_settings.dashboard_settings.create_dashboard_settings",
		"frappe.desk.doctype.dashboard_settings.dashboard_settings.save_chart_config",
		"frappe.desk.doctype.form_tour.form_tour.update_user_status",
		"frappe.desk.search.get_names_for_mentions",
		"frappe.desk.doctype.tag.tag.get_tags_list_for_awesomebar",
		"frappe.utils.global_search.search",
		"frappe.utils.change_log.show_update_popup",
		"frappe.utils.change_log.update_last_known_versions",
		"frappe.core.doctype.user.user.switch_theme",
		"frappe.core.doctype.user.user.test_password_strength",
		"frappe.core.doctype.user.user.update_password",
		"frappe.core.doctype.user.user.verify_password",
		"frappe.core.doctype.session_default_settings.session_default_settings.get_session_default_values",
		"frappe.core.doctype.session_default_settings.session_default_settings.set_session_default_values",
		"frappe.client.get_time_zone",
		"frappe.core.api.file.get_max_file_size",
		"erpnext.accounts.utils.get_fiscal_year",  # the desk asks on every page; fiscal years only
		# lists, report view, saved reports, charts and cards
		"frappe.desk.reportview.get",
		"frappe.desk.reportview.get_list",
		"frappe.desk.reportview.get_count",
		"frappe.desk.reportview.get_sidebar_stats",
		"frappe.desk.reportview.get_stats",
		"frappe.desk.reportview.get_filter_dashboard_data",
		"frappe.desk.reportview.export_query",
		"frappe.desk.reportview.save_report",
		"frappe.desk.reportview.delete_report",
		"frappe.desk.listview.get_list_settings",
		"frappe.desk.listview.get_group_by_count",  # replaced
		"frappe.desk.doctype.list_view_settings.list_view_settings.get_default_listview_fields",
		"frappe.model.utils.user_settings.get",
		"frappe.model.utils.user_settings.save",
		"frappe.desk.query_report.get_script",
		"frappe.desk.query_report.run",
		"frappe.desk.query_report.export_query",
		"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",  # replaced
		"frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source.get_config",
		"frappe.desk.doctype.number_card.number_card.get_result",  # replaced
		"frappe.desk.doctype.number_card.number_card.get_percentage_difference",  # replaced
		# forms
		"frappe.desk.form.load.getdoctype",
		"frappe.desk.form.load.getdoc",  # replaced
		"frappe.desk.form.load.get_docinfo",  # replaced
		"frappe.desk.form.load.get_communications",  # replaced
		"frappe.desk.form.load.get_user_info_for_viewers",
		"frappe.desk.form.save.savedocs",
		"frappe.desk.form.save.cancel",
		"frappe.desk.form.utils.add_comment",
		"frappe.desk.form.utils.update_comment",
		"frappe.desk.form.utils.remove_attach",
		"frappe.desk.form.utils.get_next",  # replaced
		"frappe.desk.form.assign_to.add",
		"frappe.desk.form.assign_to.add_multiple",
		"frappe.desk.form.assign_to.remove",
		"frappe.desk.form.assign_to.remove_multiple",
		"frappe.desk.form.assign_to.close",
		"frappe.desk.form.document_follow.update_follow",  # replaced
		"frappe.desk.form.document_follow.follow_document",  # replaced
		"frappe.desk.form.document_follow.unfollow_document",  # replaced
		"frappe.desk.form.document_follow.get_follow_users",  # replaced
		"frappe.share.add",
		"frappe.share.set_permission",
		"frappe.share.get_users",
		"frappe.desk.doctype.tag.tag.add_tag",
		"frappe.desk.doctype.tag.tag.add_tags",
		"frappe.desk.doctype.tag.tag.remove_tag",
		"frappe.desk.doctype.tag.tag.get_tags",
		"frappe.desk.like.toggle_like",  # replaced
		"frappe.desk.link_preview.get_preview_data",
		"frappe.desk.search.search_link",  # replaced
		"frappe.desk.search.search_widget",  # replaced
		"frappe.desk.search.get_link_title",  # replaced
		"frappe.desk.notifications.get_open_count",
		"frappe.desk.form.linked_with.get",
		# the admin tools (ward_admin.permissions.admin_tools keeps them to the app's doctypes)
		"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",  # replaced
		"frappe.printing.page.print_format_builder.print_format_builder.create_custom_format",
		"frappe.printing.page.print_format_builder_beta.print_format_builder_beta.get_google_fonts",
		"frappe.model.workflow.get_transitions",
		"frappe.model.workflow.apply_workflow",
		"frappe.model.workflow.can_cancel_document",
		"frappe.model.workflow.get_common_transition_actions",
		"frappe.model.workflow.bulk_workflow_approval",
		"frappe.desk.treeview.get_all_nodes",  # replaced
		"frappe.desk.treeview.get_children",
		"frappe.desk.treeview.add_node",
		"run_doc_method",  # replaced
		"runserverobj",  # replaced
		"upload_file",
		"frappe.core.api.file.get_files_in_folder",
		"frappe.core.api.file.get_files_by_search_text",
		"frappe.core.api.file.get_attached_images",
		"frappe.client.get",
		"frappe.client.get_value",
		"frappe.client.get_list",
		"frappe.client.get_count",  # replaced
		"frappe.client.get_single_value",
		"frappe.client.set_value",
		"frappe.client.insert",
		"frappe.client.insert_many",
		"frappe.client.save",
		"frappe.client.delete",
		"frappe.client.has_permission",
		"frappe.client.is_document_amended",
		"frappe.client.validate_link",  # replaced
		# printing
		"frappe.www.printview.get_html_and_style",
		"frappe.www.printview.get_rendered_raw_commands",
		"frappe.printing.page.print.print.get_print_settings_to_show",
		"frappe.utils.print_format.download_pdf",
		"frappe.utils.print_format.download_multi_pdf",
		"frappe.utils.print_format.report_to_pdf",
	}
)

# What a visitor who is not logged in may call (the login page and password reset).
GUEST_METHODS = frozenset(
	{
		"login",
		"logout",
		"ping",
		"frappe.realtime.get_user_info",
		"frappe.realtime.can_subscribe_doc",
		"frappe.realtime.can_subscribe_doctype",
		"frappe.client.get_time_zone",
		"frappe.core.api.file.get_max_file_size",
		"frappe.core.doctype.user.user.reset_password",
		"frappe.core.doctype.user.user.update_password",
		"frappe.core.doctype.user.user.test_password_strength",
		"frappe.www.login.login_via_key",
		# the payment gateway (signed, rate-limited: ward_admin.api.payments)
		"ward_admin.api.payments.callback",
	}
)

# Allowed methods that may name child rows of a unit-scoped doctype: they list rows through
# Frappe's query builder, where the child tables' permission query conditions apply.
CHILD_LIST_METHODS = frozenset(
	{
		"frappe.desk.reportview.get",
		"frappe.desk.reportview.get_list",
		"frappe.desk.reportview.get_count",
		"frappe.client.get_list",
		"frappe.client.get_value",
		"frappe.client.get_count",
	}
)

PRINT_METHODS = frozenset(
	{
		"frappe.www.printview.get_html_and_style",
		"frappe.www.printview.get_rendered_raw_commands",
		"frappe.utils.print_format.download_pdf",
		"frappe.utils.print_format.download_multi_pdf",
	}
)

DOC_METHOD_METHODS = frozenset({"run_doc_method", "runserverobj"})
# methods that take a whole document from the client: {method: its document parameters}
DOCUMENT_METHODS = {
	"frappe.client.insert": ("doc",),
	"frappe.client.insert_many": ("docs",),
	"frappe.client.save": ("doc",),
	"frappe.desk.form.save.savedocs": ("doc",),
	"frappe.model.workflow.apply_workflow": ("doc",),
	"run_doc_method": ("docs",),
	"runserverobj": ("docs",),
}
# Methods that annotate a record (comments, likes, tags, assignments, shares): on a unit-scoped
# record they need the right to change it, so the read-only roles change nothing.
# {method: (parameter naming the doctype, parameter naming the record or records)}
ANNOTATION_METHODS = {
	"frappe.desk.form.utils.add_comment": ("reference_doctype", "reference_name"),
	"frappe.desk.like.toggle_like": ("doctype", "name"),
	"frappe.desk.doctype.tag.tag.add_tag": ("dt", "dn"),
	"frappe.desk.doctype.tag.tag.remove_tag": ("dt", "dn"),
	"frappe.desk.doctype.tag.tag.add_tags": ("dt", "docs"),
	"frappe.desk.form.assign_to.add": ("doctype", "name"),
	"frappe.desk.form.assign_to.add_multiple": ("doctype", "name"),
	"frappe.desk.form.assign_to.remove": ("doctype", "name"),
	"frappe.desk.form.assign_to.remove_multiple": ("doctype", "names"),
	"frappe.desk.form.assign_to.close": ("doctype", "name"),
	"frappe.share.add": ("doctype", "name"),
	"frappe.share.set_permission": ("doctype", "name"),
}
STRIPPED_PARAMS = ("ignore_permissions", "ignore_user_permissions", "debug")
# parameters that may name a doctype the request reads
DOCTYPE_PARAMS = ("doctype", "dt", "reference_doctype", "ref_doctype", "parent_doctype", "document_type")
DOCUMENT_PARAMS = ("doc", "docs", "document")
NAME_PARAMS = ("name", "dn", "docname", "doc_name", "value", "names", "docnames")


class RouteNotAllowedError(frappe.PermissionError):
	"""A route that is closed to the user (deny by default)."""


class MissingArgumentError(frappe.ValidationError):
	"""A call that leaves out an argument the method requires."""


def loads(value):
	"""A JSON parameter as sent: decoded when it is JSON text, else as it is."""
	if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
		try:
			return json.loads(value)
		except ValueError:
			return value
	return value


def deny(message: str | None = None) -> None:
	frappe.throw(
		message or _("You are not permitted to use this function"),
		exc=RouteNotAllowedError,
		title=_("Not Permitted"),
	)


def guard() -> None:
	"""`auth_hooks`: the request's route must be open to its user."""
	request = frappe.request
	if not request or request.method == "OPTIONS" or is_operator():
		return
	path = request.path
	if frappe.form_dict.cmd:
		check_method(frappe.form_dict.cmd)
	elif path.startswith("/api/"):
		check_api(request)
	elif path.rstrip("/") == "/printview":
		check_print(frappe.form_dict)
	elif path.startswith("/private/files/"):
		check_private_file(path)


def check_api(request) -> None:
	from frappe.api import API_URL_MAP, v1, v2

	try:
		endpoint, arguments = API_URL_MAP.bind_to_environ(request.environ).match()
	except Exception:
		return  # Frappe answers 404 itself
	if endpoint in (v1.handle_rpc_call, v2.handle_rpc_call):
		method = arguments["method"].split("/")[0]
		if arguments.get("doctype"):
			from frappe.modules.utils import load_doctype_module

			method = f"{load_doctype_module(arguments['doctype']).__name__}.{method}"
		check_method(method)
	elif endpoint in (v2.login, v2.logout, frappe.ping):
		return
	elif endpoint is v2.upload_file:
		check_method("upload_file")
	elif endpoint is v2.run_doc_method:
		document = loads(frappe.form_dict.get("document"))
		doctype = document.get("doctype") if isinstance(document, dict) else None
		check_doc_method(doctype, frappe.form_dict.get("method"))
	else:
		check_resource(endpoint.__name__, arguments, request.method)


def replaced_methods() -> dict[str, str]:
	"""{the app's replacement: the Frappe method it replaces} (hooks.py override_whitelisted_methods)."""
	return {
		targets[-1]: source
		for source, targets in (frappe.get_hooks("override_whitelisted_methods") or {}).items()
		if targets and targets[-1].startswith("ward_admin.")
	}


def check_method(method: str) -> None:
	# a replacement called by its own path answers to the rules of the method it replaces
	method = replaced_methods().get(method, method)
	if frappe.session.user == "Guest":
		if method not in GUEST_METHODS:
			deny(_("Log in to use this function"))
		return
	if method not in ALLOWED_METHODS and not method.startswith("ward_admin."):
		deny()
	for param in STRIPPED_PARAMS:
		frappe.form_dict.pop(param, None)
	for param in NAME_PARAMS:
		# a JSON body may send a "name" as a dict, which Frappe then uses as filters
		value = frappe.form_dict.get(param)
		if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
			deny(_("A record name must be text"))
	if method.startswith("frappe.desk.query_report."):
		frappe.form_dict.pop("user", None)
	check_arguments(method)
	for param in DOCUMENT_METHODS.get(method, ()):
		documents = loads(frappe.form_dict.get(param))
		for document in documents if isinstance(documents, list) else [documents]:
			if isinstance(document, dict) and isinstance(document.get("doctype"), str):
				check_document_shape(document["doctype"], document)
	if method == "frappe.client.set_value" and isinstance(frappe.form_dict.get("doctype"), str):
		fieldname = loads(frappe.form_dict.get("fieldname"))
		values = fieldname if isinstance(fieldname, dict) else {fieldname: frappe.form_dict.get("value")}
		check_document_shape(frappe.form_dict.doctype, values)
	doctype = target_doctype(frappe.form_dict)
	if is_unit_scoped(doctype):
		check_scoped_request(method, doctype)
	if method in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
		if (query := frappe.form_dict.get("query")) and query not in ALLOWED_METHODS:
			if not query.startswith("ward_admin."):
				deny()
	elif method == "frappe.desk.treeview.get_all_nodes":
		tree_method = frappe.form_dict.get("tree_method") or ""
		if tree_method not in ALLOWED_METHODS and not tree_method.startswith("ward_admin."):
			deny()
	elif method == "upload_file":
		check_file_url(frappe.form_dict.get("file_url"))
	elif method in PRINT_METHODS:
		check_print(frappe.form_dict)
	elif method in DOC_METHOD_METHODS:
		docs = loads(frappe.form_dict.get("docs"))
		doctype = frappe.form_dict.get("dt") or (docs.get("doctype") if isinstance(docs, dict) else None)
		check_doc_method(doctype, frappe.form_dict.get("method"))


def check_arguments(method: str) -> None:
	"""A missing required argument answers with a clear message, not a server error."""
	import inspect

	from frappe.handler import get_attr

	try:
		overrides = frappe.get_hooks("override_whitelisted_methods") or {}
		function = get_attr(overrides[method][-1] if method in overrides else method)
		parameters = inspect.signature(function).parameters.values()
	except Exception:
		return  # Frappe reports an unknown method itself
	missing = [
		p.name
		for p in parameters
		if p.default is inspect.Parameter.empty
		and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
		and p.name not in frappe.form_dict
	]
	if missing:
		frappe.throw(
			_("Missing argument: {0}").format(", ".join(missing)),
			exc=MissingArgumentError,
			title=_("Invalid Request"),
		)


def check_document_shape(doctype: str, values: dict) -> None:
	"""A document's fields hold single values of their type, and its tables lists of rows.

	Frappe takes a dict sent for a Link field as filters on the linked table (any column), and
	answers a number sent for a text field, a list for a table's JSON or a malformed date with a
	server error.
	"""
	try:
		meta = frappe.get_meta(doctype)
	except frappe.DoesNotExistError:
		return  # Frappe answers an unknown doctype itself
	for key, value in values.items():
		df = meta.get_field(key) if isinstance(key, str) else None
		if df and df.fieldtype in frappe.model.table_fields:
			if value is None:
				continue
			if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
				refuse_value(doctype, key)
			for row in value:
				check_document_shape(df.options, row)
		elif isinstance(value, dict | list):
			if df or key in frappe.model.default_fields:
				refuse_value(doctype, key)
		elif df and not value_fits(df.fieldtype, value):
			refuse_value(doctype, key)


ASCII_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?")
NUMBER_TYPES = frozenset({"Int", "Check", "Float", "Currency", "Percent", "Duration", "Rating"})
DATE_PARSERS = {"Date": "getdate", "Datetime": "get_datetime", "Time": "get_time"}
# text fields that may hold a number (a link to a doctype named by numbers)
NUMBER_NAMED = frozenset({"Link", "Dynamic Link"})


def value_fits(fieldtype: str, value) -> bool:
	if value is None or value == "":
		return True
	if fieldtype in NUMBER_TYPES:
		if isinstance(value, bool | int):
			return True
		if isinstance(value, float):
			return math.isfinite(value)
		return bool(ASCII_NUMBER.fullmatch(str(value).strip())) and math.isfinite(float(value))
	if fieldtype in DATE_PARSERS:
		if not isinstance(value, str):
			return False
		try:
			return getattr(frappe.utils, DATE_PARSERS[fieldtype])(value) is not None
		except Exception:
			return False
	if isinstance(value, int | float) and not isinstance(value, bool):
		return fieldtype in NUMBER_NAMED
	return isinstance(value, str)


def refuse_value(doctype: str, fieldname: str) -> None:
	from ward_admin.arguments import InvalidArgumentError

	frappe.throw(
		_("{0}: the value of {1} is not valid").format(_(doctype), fieldname),
		exc=InvalidArgumentError,
		title=_("Invalid Value"),
	)


def check_scoped_request(method: str, doctype: str) -> None:
	if scoped_parent(doctype) and method not in CHILD_LIST_METHODS:
		deny(_("Open the record these rows belong to"))
	check_personal_data_params(doctype, frappe.form_dict)
	if method in ANNOTATION_METHODS:
		doctype_param, name_param = ANNOTATION_METHODS[method]
		names = loads(frappe.form_dict.get(name_param))
		for name in names if isinstance(names, list) else [names]:
			if not isinstance(name, str) or not frappe.has_permission(
				frappe.form_dict.get(doctype_param), "write", name
			):
				deny(_("You may not change {0} {1}").format(_(doctype), name))


def check_personal_data_params(doctype: str, params: dict) -> None:
	"""No parameter may name a personal-data field the user cannot read."""
	parent = scoped_parent(doctype) or doctype
	hidden = hidden_fields(parent)
	if not hidden:
		return
	# documents the client sends (print, save, workflow) carry every field name as a key
	text = json.dumps(
		{key: value for key, value in params.items() if key not in ("cmd", "csrf_token", *DOCUMENT_PARAMS)},
		default=str,
		ensure_ascii=False,
	)
	if found := sorted(field for field in hidden if re.search(rf"\b{re.escape(field)}\b", text)):
		from ward_admin.permissions.queries import PersonalDataQueryError

		frappe.throw(
			_("You cannot search, sort or group {0} by personal data you are not allowed to see: {1}").format(
				_(parent), ", ".join(found)
			),
			exc=PersonalDataQueryError,
			title=_("Not Permitted"),
		)


def target_doctype(params: dict) -> str | None:
	for key in DOCTYPE_PARAMS:
		if isinstance(params.get(key), str) and params.get(key):
			return params[key]
	for key in DOCUMENT_PARAMS:
		value = loads(params.get(key))
		if isinstance(value, dict) and isinstance(value.get("doctype"), str):
			return value["doctype"]
	return None


def check_doc_method(doctype: str | None, method: str | None) -> None:
	"""On a unit-scoped record only the doctype's own whitelisted methods run; never on its rows."""
	if not doctype or not is_unit_scoped(doctype):
		return
	if scoped_parent(doctype) or not is_own_method(doctype, method or ""):
		deny()


def is_own_method(doctype: str, method: str) -> bool:
	"""Is `method` defined by the app's controller of `doctype`, not inherited from Frappe?"""
	from frappe.model.base_document import get_controller

	for klass in get_controller(doctype).__mro__:
		if klass.__module__.startswith("frappe."):
			return False
		if method in vars(klass):
			return True
	return False


def check_resource(endpoint: str, arguments: dict, http_method: str) -> None:
	"""REST resource routes (`/api/resource/...`, `/api/v2/document/...`, `/api/v2/doctype/...`)."""
	if frappe.session.user == "Guest":
		deny(_("Log in to use this function"))
	doctype = arguments.get("doctype")
	if endpoint in ("create_doc", "update_doc"):
		body = loads(frappe.form_dict.get("data")) if frappe.form_dict.get("data") else frappe.form_dict
		if isinstance(body, dict):
			check_document_shape(doctype, {k: v for k, v in body.items() if k not in ("doctype", "cmd")})
	if not is_unit_scoped(doctype):
		return
	check_personal_data_params(doctype, frappe.form_dict)
	if endpoint in ("document_list", "count", "get_meta"):
		return
	if scoped_parent(doctype):
		deny(_("Open the record these rows belong to"))
	if endpoint == "execute_doc_method" or (endpoint == "read_doc" and "run_method" in frappe.form_dict):
		check_doc_method(doctype, arguments.get("method") or frappe.form_dict.get("run_method"))


def check_print(params: dict) -> None:
	"""Print a saved record (the desk sends the form's document; the permission hook judges it on
	the stored record), by a print format of its own doctype."""
	doctype = params.get("doctype")
	doc = loads(params.get("doc"))
	if isinstance(doc, dict):
		doctype = doctype or doc.get("doctype")
		if is_unit_scoped(doctype) and not doc.get("name"):
			deny(_("Print a saved record"))
	print_format = params.get("format") or params.get("print_format")
	if not doctype or not print_format or print_format == "Standard" or not is_unit_scoped(doctype):
		return
	if frappe.db.get_value("Print Format", print_format, "doc_type") != doctype:
		deny(_("Print Format {0} is not a format of {1}").format(print_format, _(doctype)))


def check_private_file(path: str) -> None:
	"""Downloading a private file. Frappe serves it when the reader may read the record it is
	attached to; the file of a unit-scoped record also needs the right to read its personal data."""
	from ward_admin.permissions.records import can_reach

	doctype_field, name_field, _content = references()["File"]
	for file in frappe.get_all("File", filters={"file_url": path}, fields=[doctype_field, name_field]):
		if not can_reach(file[doctype_field], file[name_field]):
			deny(_("You don't have permission to access this file"))


def check_file_url(file_url: str | None) -> None:
	"""Attaching a file by URL: a web address, or a file of this site the user may already open.

	Frappe copies a private file into a new File record owned by the caller, who could then
	download it; only a file the caller can already download may be attached again.
	"""
	if not file_url or re.match(r"^https?://", file_url, re.IGNORECASE):
		return
	from frappe.core.doctype.file.utils import find_file_by_url

	if not find_file_by_url(file_url):
		deny(_("You cannot attach a file you are not allowed to open"))
