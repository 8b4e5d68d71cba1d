"""Every whitelisted method of the installed apps that takes a doctype, a document or a search,
found by reading their source (not a hand-picked list), and the arguments to attack it with."""

import ast
import json
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2]
APPS = ("frappe", "erpnext", "ward_admin")

# parameters through which a method is told which doctype (or document) to read
DOCTYPE_PARAMS = frozenset(
	{
		"doctype",
		"dt",
		"reference_doctype",
		"ref_doctype",
		"parent_doctype",
		"document_type",
		"doctype_name",
		"parenttype",
		"link_doctype",
		"goal_doctype",
		"party_type",
		"from_doctype",
		"doc",
		"docs",
		"document",
		"doctypes",
		"reference_type",
		"voucher_type",
		"ref_dt",
	}
)
SEARCH_SIGNATURE = {"doctype", "txt", "searchfield", "start", "page_len", "filters"}


@dataclass(frozen=True)
class Route:
	method: str  # the dotted path a client calls
	params: tuple[str, ...]
	http_methods: tuple[str, ...]
	allow_guest: bool
	app: str


def _decorator_info(node) -> tuple[bool, bool, tuple[str, ...]] | None:
	"""(whitelisted, allow_guest, methods) from a function's decorators."""
	for decorator in node.decorator_list:
		call = decorator if isinstance(decorator, ast.Call) else None
		target = call.func if call else decorator
		name = ast.unparse(target)
		if not name.endswith("whitelist"):
			continue
		allow_guest, methods = False, ("GET", "POST")
		for keyword in call.keywords if call else []:
			if keyword.arg == "allow_guest":
				allow_guest = bool(getattr(keyword.value, "value", False))
			if keyword.arg == "methods":
				methods = tuple(getattr(e, "value", "") for e in getattr(keyword.value, "elts", []))
		return True, allow_guest, methods
	return None


def _reads_doctype_from_form_dict(node) -> bool:
	source = ast.unparse(node)
	return "form_dict" in source or "get_form_params" in source


def enumerate_routes() -> list[Route]:
	routes = []
	for app in APPS:
		root = BENCH / "apps" / app / app
		for path in sorted(root.rglob("*.py")):
			relative = path.relative_to(root.parent)
			if "tests" in relative.parts or path.name.startswith("test_"):
				continue
			try:
				tree = ast.parse(path.read_text(encoding="utf-8"))
			except (SyntaxError, UnicodeDecodeError):
				continue
			module = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
			for node in tree.body:
				if not isinstance(node, ast.FunctionDef):
					continue
				info = _decorator_info(node)
				if not info:
					continue
				params = tuple(a.arg for a in [*node.args.args, *node.args.kwonlyargs])
				takes_doctype = bool(DOCTYPE_PARAMS.intersection(params)) or SEARCH_SIGNATURE <= set(params)
				if not takes_doctype and not (not params and _reads_doctype_from_form_dict(node)):
					continue
				method = node.name if module == "frappe.handler" else f"{module}.{node.name}"
				routes.append(Route(method, params, info[2] or ("GET", "POST"), info[1], app))
	return routes


def attack_arguments(route: Route, province, variant: str) -> dict:
	"""Arguments aimed at ward B's dossier (variants "record", "rows", "file") or at ward A's
	personal data ("personal")."""
	b1 = province.b1
	target = {
		"record": ("Dossier", b1, {"name": b1}),
		"rows": ("Dossier Pause", province.b1_pause, {"parent": b1}),
		"file": ("File", province.file_b, {"attached_to_name": b1}),
		"personal": ("Dossier", province.a1, {"applicant_id_number": ["like", "0011%"]}),
	}[variant]
	doctype, name, filters = target
	personal = variant == "personal"
	document = {"doctype": doctype, "name": name, "administrative_unit": "999.50.01.H99"}
	values = {
		"doctype": doctype,
		"dt": doctype,
		"reference_doctype": doctype,
		"ref_doctype": doctype,
		"parent_doctype": "Dossier" if variant == "rows" else None,
		"parent": "Dossier" if variant == "rows" else None,
		"parenttype": "Dossier" if variant == "rows" else None,
		"document_type": doctype,
		"doctype_name": doctype,
		"link_doctype": doctype,
		"goal_doctype": doctype,
		"party_type": doctype,
		"reference_type": doctype,
		"voucher_type": doctype,
		"doc": document,
		"docs": document,
		"document": document,
		"name": name,
		"dn": name,
		"docname": name,
		"doc_name": name,
		"document_name": name,
		"reference_name": name,
		"ref_docname": name,
		"value": name,
		"party": name,
		"docnames": [name],
		"names": [name],
		"filters": filters,
		"current_filters": filters,
		"or_filters": filters if personal else None,
		"fields": ["name", "applicant_id_number", "applicant_phone"] if personal else ["*"],
		"fieldname": "applicant_phone" if personal else "name",
		"field": "applicant_id_number" if personal else "name",
		"filter_fields": ["applicant_id_number"] if personal else None,
		"searchfield": "applicant_id_number" if personal else None,
		"order_by": "applicant_phone" if personal else None,
		"sort_field": "applicant_phone" if personal else "modified",
		"group_by": "applicant_id_number" if personal else None,
		"txt": "Ngoại" if not personal else "0011",
		"text": "Ngoại",
		"start": 0,
		"page_len": 50,
		"page_length": 50,
		"limit": 50,
		"limit_page_length": 50,
		"with_comment_count": 1,
		"ignore_user_permissions": 1,
		"ignore_permissions": 1,
		# what the methods need besides the target, so that they reach their reading code
		"tag": "canary-probe",
		"tags": json.dumps(["canary-probe"]),
		"following": 1,
		"add": "Yes",
		"assign_to": json.dumps([province.users["officer_a"]]),
		"action": "Start Processing",
		"stats": json.dumps(["_user_tags", "status", "_assign"]),
		"content": "probe",
		"comment_email": province.users["officer_a"],
		"comment_by": "probe",
		"user": province.users["officer_a"],
		"read": 1,
		"permission_to": "read",
		"everyone": 0,
		"prev": 0,
		"sort_order": "desc",
		"label": "probe",
		"is_root": 1,
		"tree_method": "frappe.desk.treeview.get_children",
		"report_name": "Dossier",
		"format": "Standard",
		"print_format": "Standard",
		"no_letterhead": 1,
		"workflow_state_field": "applicant_id_number" if personal else "status",
		"states": json.dumps([]),
		"user_settings": json.dumps({}),
		"values": json.dumps({}),
		"result": 1,
		"to_date": "2099-01-01",
		"from_date": "2000-01-01",
		"end": "2099-01-01",
		"field_map": json.dumps(
			{"start": "creation", "end": "modified", "id": "name", "title": "applicant_name"}
		),
		"method": "add_comment",
		"args": json.dumps({"text": "probe"}),
		"current_state": "Received",
		"attachments": json.dumps([province.file_b]),
		"file_url": province.file_url_b,
		"chart_name": None,
		"chart": json.dumps(
			{
				"name": "probe",
				"chart_type": "Sum",
				"type": "Heatmap",
				"document_type": doctype,
				"based_on": "creation",
				"value_based_on": "applicant_id_number",
				"filters_json": json.dumps([[doctype, "name", "=", name]]),
			}
		),
		"no_cache": 1,
		"aggregation": "sum",
		"goal_value_field": "applicant_id_number",
		"goal_total_field": "applicant_id_number",
		"goal_history_field": "probe",
		"goal_field": "applicant_id_number",
		"goal_doctype_link": "name",
		"date_field": "creation",
		"title": "probe",
		"key": "probe",
	}
	args = {}
	for param in route.params or ("doctype", "filters", "fields"):
		if param in values and values[param] is not None:
			args[param] = values[param]
	if "doc" in route.params and route.method.endswith("number_card.get_result"):
		args["doc"] = {
			"name": "probe",
			"document_type": doctype,
			"function": "Sum",
			"aggregate_function_based_on": "applicant_id_number",
			"filters_json": json.dumps([[doctype, "name", "=", name]]),
		}
	if not route.params:  # reads form_dict: give it the usual list arguments
		args.update(
			{k: values[k] for k in ("doctype", "filters", "fields", "order_by", "group_by") if values.get(k)}
		)
		if variant == "rows":
			args["parent_doctype"] = "Dossier"
	return {k: (json.dumps(v) if isinstance(v, dict | list) else v) for k, v in args.items()}
