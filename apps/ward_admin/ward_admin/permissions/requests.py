"""Deny by default: which HTTP routes a user who is not a site operator may reach.

Frappe and ERPNext whitelist about 1,150 methods. Any logged-in user may call any of them,
and many take a doctype from the client and read it without permission checks (counts, charts,
workflow counters, tag lists, goal graphs, file copies; several ERPNext search queries paste
client text into SQL). Rather than patch them one by one, `guard` (an `auth_hooks` entry of
hooks.py: Frappe runs it once the request's user is known, API keys and tokens included) lets
staff and citizens reach only:

- the methods the desk needs for the features ward staff use (`allowlist.ALLOWED_METHODS`), each
  of them permission-checked by Frappe, by this app's hooks, or replaced in
  `ward_admin.permissions.routes`;
- the app's own methods (`ward_admin.*`), which check their own permissions;
- REST resource routes, with the rules of `check_resource`.

Site operators (Administrator, System Manager) are not restricted. Any other call answers 403
with a translated message. On the routes that are allowed, the guard also refuses:

- a required argument left out, and a document whose fields hold values of the wrong type
  (`ward_admin.arguments`): a clear 417 instead of Frappe's server error;
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
import re

import frappe
from frappe import _

from ward_admin.arguments import InvalidArgumentError, check_arguments, check_document_shape, check_shapes
from ward_admin.permissions.allowlist import (
	ALLOWED_METHODS,
	ANNOTATION_METHODS,
	ARGUMENT_SHAPES,
	CHILD_LIST_METHODS,
	DOC_METHOD_METHODS,
	DOCTYPE_PARAMS,
	DOCUMENT_METHODS,
	DOCUMENT_PARAMS,
	GUEST_METHODS,
	GUEST_RATE_LIMITS,
	NAME_PARAMS,
	PRINT_METHODS,
	STRIPPED_PARAMS,
)
from ward_admin.permissions.scope import (
	hidden_fields,
	is_operator,
	is_unit_scoped,
	references,
	scoped_parent,
)


class RouteNotAllowedError(frappe.PermissionError):
	"""A route that is closed to the user (deny by default)."""


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
	"""A call of a whitelisted method: open to the user, well-formed, and aimed within reach."""
	# a replacement called by its own path answers to the rules of the method it replaces
	method = replaced_methods().get(method, method)
	if frappe.session.user == "Guest":
		if method not in GUEST_METHODS:
			deny(_("Log in to use this function"))
		throttle_guest(method)
		return
	if not is_open(method):
		deny()
	strip_switches(method)
	check_call(method)
	check_targets(method)


def throttle_guest(method: str) -> None:
	"""At most GUEST_RATE_LIMITS[method] calls from one address (429 after that)."""
	if method not in GUEST_RATE_LIMITS:
		return
	calls, seconds = GUEST_RATE_LIMITS[method]
	# "rl:" as Frappe's own limits: a full cache clear (a sign-up causes one) keeps it
	key = frappe.cache.make_key(f"rl:ward_admin-guest:{method}:{frappe.local.request_ip or 'local'}")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, seconds)
	if count > calls:
		frappe.throw(_("Too many requests from your address: try again later"), frappe.RateLimitExceededError)


def is_open(method: str) -> bool:
	return method in ALLOWED_METHODS or method.startswith("ward_admin.")


def strip_switches(method: str) -> None:
	"""The switches that would turn a generic route's checks off, and record names sent as filters."""
	for param in STRIPPED_PARAMS:
		frappe.form_dict.pop(param, None)
	for param in NAME_PARAMS:
		# a JSON body may send a "name" as a dict, which Frappe then uses as filters
		value = frappe.form_dict.get(param)
		if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value)):
			deny(_("A record name must be text"))
	if method.startswith("frappe.desk.query_report."):
		frappe.form_dict.pop("user", None)


def check_call(method: str) -> None:
	"""The method's required arguments are there, and the documents it is sent hold values of their
	fields' types: a 417 that says so, where Frappe would answer with a server error."""
	check_arguments(method)
	check_shapes(method, ARGUMENT_SHAPES, frappe.form_dict)
	for param in DOCUMENT_METHODS.get(method, ()):
		documents = loads(frappe.form_dict.get(param))
		for document in documents if isinstance(documents, list) else [documents]:
			if isinstance(document, dict) and isinstance(document.get("doctype"), str):
				check_document_shape(document["doctype"], document)
	if method == "frappe.client.set_value" and isinstance(frappe.form_dict.get("doctype"), str):
		fieldname = loads(frappe.form_dict.get("fieldname"))
		values = fieldname if isinstance(fieldname, dict) else {fieldname: frappe.form_dict.get("value")}
		check_document_shape(frappe.form_dict.doctype, values)


def check_targets(method: str) -> None:
	"""What the call names: a unit-scoped doctype (its rows, its personal data, its records to
	annotate), and the search query, tree method, file, print or document method it passes on."""
	doctype = target_doctype(frappe.form_dict)
	if is_unit_scoped(doctype):
		check_scoped_request(method, doctype)
	if method in ("frappe.desk.search.search_link", "frappe.desk.search.search_widget"):
		if (query := frappe.form_dict.get("query")) and not is_open(query):
			deny()
	elif method == "frappe.desk.treeview.get_all_nodes":
		if not is_open(frappe.form_dict.get("tree_method") or ""):
			deny()
	elif method == "upload_file":
		check_file_url(frappe.form_dict.get("file_url"))
		# Frappe's upload_file calls the whitelisted method named in `method` with the same
		# arguments: that call answers to the guard as if it were made directly
		if target := frappe.form_dict.get("method"):
			if not isinstance(target, str) or target == "upload_file":
				deny()
			check_method(target)
	elif method in PRINT_METHODS:
		check_print(frappe.form_dict)
	elif method in DOC_METHOD_METHODS:
		docs = loads(frappe.form_dict.get("docs"))
		doctype = frappe.form_dict.get("dt") or (docs.get("doctype") if isinstance(docs, dict) else None)
		check_doc_method(doctype, frappe.form_dict.get("method"))


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
	if endpoint in ("document_list", "count") and doctype and frappe.get_meta(doctype).issingle:
		# Frappe would look for the table a single doctype does not have (a server error)
		frappe.throw(
			_("{0} is a single record: open it by its name").format(_(doctype)),
			exc=InvalidArgumentError,
			title=_("Invalid Request"),
		)
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
	the stored record), by a print format of its own doctype, and by one of its own forms when it
	has some (its default print format), not Frappe's generic "Standard"."""
	doctype = params.get("doctype")
	doc = loads(params.get("doc"))
	if isinstance(doc, dict):
		doctype = doctype or doc.get("doctype")
		if is_unit_scoped(doctype) and not doc.get("name"):
			deny(_("Print a saved record"))
	print_format = params.get("format") or params.get("print_format")
	if not isinstance(doctype, str) or not print_format or not is_unit_scoped(doctype):
		return
	if print_format == "Standard":
		# Frappe's generic format (every field, in English labels) where the doctype has its own forms
		if frappe.get_meta(doctype).default_print_format:
			deny(_("Print {0} with one of its own forms").format(_(doctype)))
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
