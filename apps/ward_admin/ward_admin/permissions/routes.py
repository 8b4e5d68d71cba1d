"""Frappe endpoints the desk needs but which ignore permissions, replaced with checked ones.

Registered in hooks.py `override_whitelisted_methods`; each keeps Frappe's signature and calls
Frappe's function once its own check has passed. What each one closes:

- `get_count`: Frappe counts with no permission check at all (any doctype, any filter).
- `search_link` / `search_widget`: `ignore_user_permissions=1` turns every check off.
- `getdoc` / `get_docinfo` / `get_communications`: the document's history (Version diffs),
  attachments and e-mails reach readers who may not see its personal data.
- `get` (client): looking a record up by filters answers "exists elsewhere" with a 403.
- `dashboard_chart.get` / `number_card.get_result`: run a chart or card definition sent by the
  client (any doctype, any column, some paths with no check); only saved ones run here.
- `get_group_by_count` ("assigned to"), `get_next`, `validate_link`, `get_link_title`,
  `toggle_like`, document follows, `mark_as_read`, `get_all_nodes`, `can_subscribe_doctype`:
  each reads or changes a record, or forwards arguments, without checking the reader.
- `run_doc_method`: returns the whole document, personal data included, to a reader.
"""

import json

import frappe
from frappe import _
from frappe.client import get as frappe_get
from frappe.desk import like as frappe_like
from frappe.desk import listview, search, treeview
from frappe.desk.doctype.dashboard_chart import dashboard_chart
from frappe.desk.doctype.notification_log import notification_log
from frappe.desk.doctype.number_card import number_card
from frappe.desk.form import document_follow, load
from frappe.desk.form import utils as form_utils
from frappe.utils import get_fullname
from frappe.utils.caching import request_cache

from ward_admin.arguments import InvalidArgumentError
from ward_admin.permissions.allowlist import ALLOWED_METHODS
from ward_admin.permissions.requests import deny
from ward_admin.permissions.scope import (
	hidden_fields,
	is_operator,
	is_unit_scoped,
	references,
	scoped_parent,
	unit_scoped_doctypes,
	units_of,
)


def _require_read(doctype: str, name: str | None) -> None:
	if not name or not frappe.has_permission(doctype, "read", name):
		raise frappe.PermissionError


# ---------------------------------------------------------------- lists, counts, searches


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""`frappe.client.get_count` with the reader's permissions (Frappe's checks none)."""
	result = frappe.get_list(
		doctype, filters=frappe.utils.get_safe_filters(filters), fields=["count(*) as total"], order_by=None
	)
	return result[0].total if result else 0


@frappe.whitelist()
def search_link(
	doctype,
	txt,
	query=None,
	filters=None,
	page_length=10,
	searchfield=None,
	reference_doctype=None,
	ignore_user_permissions=False,
):
	return search.search_link(
		doctype,
		txt,
		query=query,
		filters=filters,
		page_length=page_length,
		searchfield=searchfield,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions if is_operator() else False,
	)


@frappe.whitelist()
def search_widget(
	doctype,
	txt,
	query=None,
	searchfield=None,
	start=0,
	page_length=10,
	filters=None,
	filter_fields=None,
	as_dict=False,
	reference_doctype=None,
	ignore_user_permissions=False,
):
	return search.search_widget(
		doctype,
		txt,
		query=query,
		searchfield=searchfield,
		start=start,
		page_length=page_length,
		filters=filters,
		filter_fields=filter_fields,
		as_dict=as_dict,
		reference_doctype=reference_doctype,
		ignore_user_permissions=ignore_user_permissions if is_operator() else False,
	)


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The sidebar's counts. "Assigned To" is counted by Frappe without permissions: here it is
	counted over the reader's own records only."""
	if field == "assigned_to" and is_unit_scoped(doctype) and not is_operator():
		filters = frappe.parse_json(current_filters) or []
		if isinstance(filters, dict):
			filters = [[doctype, key, "=", value] for key, value in filters.items()]
		units = units_of(doctype=doctype)
		filters.append([doctype, unit_scoped_doctypes()[doctype], "in", list(units) or [""]])
		current_filters = json.dumps(filters)
	if field != "assigned_to" and not frappe.get_meta(doctype).has_field(field):
		if field not in frappe.model.default_fields:  # Frappe would answer with a server error
			frappe.throw(_("Field {0} is not a field of {1}").format(field, _(doctype)), exc=frappe.DataError)
	return listview.get_group_by_count(doctype, current_filters, field)


@frappe.whitelist()
def get_workflow_state_count(doctype: str, workflow_state_field: str, states) -> list[dict]:
	"""The Workflow form's warning of records left in states the workflow no longer has, counted
	over the reader's own records (Frappe counts every unit's)."""
	frappe.has_permission(doctype=doctype, ptype="read", throw=True)
	if workflow_state_field not in frappe.get_meta(doctype).get_valid_columns():
		return []
	states = frappe.parse_json(states) or []
	result = frappe.get_list(
		doctype,
		fields=[workflow_state_field, "count(*) as count"],
		filters={workflow_state_field: ["not in", states]},
		group_by=workflow_state_field,
		order_by=None,
	)
	return [row for row in result if row[workflow_state_field]]


@frappe.whitelist()
def get_next(doctype, value, prev, filters=None, sort_order="desc", sort_field="modified"):
	"""Previous / next record in the list: only from a record the reader may open."""
	_require_read(doctype, value)
	if sort_field in hidden_fields(doctype):
		raise frappe.PermissionError
	return form_utils.get_next(doctype, value, prev, filters, sort_order, sort_field)


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""Frappe says whether any record of that name exists; here only records the reader may see."""
	from frappe.client import validate_link as frappe_validate_link

	if docname and not is_operator() and (is_unit_scoped(doctype) or doctype in references()):
		if not frappe.db.exists(doctype, docname) or not frappe.has_permission(doctype, "read", docname):
			return frappe._dict()
	return frappe_validate_link(doctype, docname, fields)


@frappe.whitelist()
def get_link_title(doctype, docname):
	if docname and not is_operator() and is_unit_scoped(doctype):
		_require_read(doctype, docname)
	return search.get_link_title(doctype, docname)


# ---------------------------------------------------------------- one document


@frappe.whitelist()
def get(doctype, name=None, filters=None, parent=None):
	"""`frappe.client.get`. By filters, the record is found among those the reader may see."""
	if not name and filters and is_unit_scoped(doctype) and not is_operator():
		names = frappe.get_list(doctype, filters=frappe.parse_json(filters), pluck="name", limit=1)
		if not names:
			raise frappe.DoesNotExistError(_("{0} not found").format(_(doctype)))
		name, filters = names[0], None
	return frappe_get(doctype, name=name, filters=filters, parent=parent)


@frappe.whitelist()
def getdoc(doctype, name, user=None):
	load.getdoc(doctype, name, user)
	if frappe.response.get("docinfo"):
		mask_docinfo(frappe.response.docinfo)


@frappe.whitelist()
def get_docinfo(doc=None, doctype=None, name=None):
	load.get_docinfo(doc, doctype, name)
	if frappe.response.get("docinfo"):
		mask_docinfo(frappe.response.docinfo)


@frappe.whitelist()
def get_communications(doctype, name, start=0, limit=20):
	if is_unit_scoped(doctype) and hidden_fields(scoped_parent(doctype) or doctype):
		_require_read(doctype, name)
		return []
	return load.get_communications(doctype, name, start, limit)


def mask_docinfo(docinfo) -> None:
	"""Leave out of a record's history what its reader may not see: personal-data values in
	the versions, and, for readers without personal-data access, its files and e-mails."""
	doctype = docinfo.get("doctype")
	if doctype and is_unit_scoped(doctype):
		for version in docinfo.get("versions") or []:
			version["data"] = translate_version_data(version.get("data"), doctype)
	hidden = hidden_fields(doctype) if doctype else frozenset()
	if not hidden:
		return
	for version in docinfo.get("versions") or []:
		version["data"] = mask_version_data(version.get("data"), hidden)
	if is_unit_scoped(doctype):
		docinfo["attachments"] = []
		docinfo["communications"] = []
		docinfo["automated_messages"] = []
		docinfo["attachment_logs"] = []


def translate_version_data(data: str | None, doctype: str) -> str | None:
	"""The history reads in the reader's language: a change of state or of a Select's value shows
	"Đang xử lý" to "Yêu cầu bổ sung", not the stored "Processing" to "Awaiting Supplement"
	(Frappe's timeline prints stored values as they are); a person by name, not their login; an
	empty value as "(trống)", not "null". So do the changes of a child table's rows (the control
	sheet's steps)."""
	if not data:
		return data
	try:
		diff = json.loads(data)
	except ValueError:
		return data
	meta = frappe.get_meta(doctype)
	shown = readable_values(meta)
	diff["changed"] = [
		[row[0], *(shown(row[0], value) for value in row[1:])] if row else row
		for row in diff.get("changed") or []
	]
	for row in diff.get("row_changed") or []:
		if len(row) < 4 or not isinstance(row[3], list):
			continue
		table = meta.get_field(row[0])
		child = readable_values(frappe.get_meta(table.options)) if table and table.options else None
		if child:
			row[3] = [[change[0], *(child(change[0], value) for value in change[1:])] for change in row[3]]
	return json.dumps(diff, ensure_ascii=False)


@request_cache
def translated_doctypes() -> frozenset[str]:
	"""Frappe's translated doctypes, read once per request (Frappe's function runs two queries per
	call, and a dossier's history has a row per save)."""
	from frappe.translate import get_translated_doctypes

	return frozenset(get_translated_doctypes())


def readable_values(meta):
	"""value -> what the history shows of it, for the fields of `meta`."""
	translated = translated_doctypes()
	fieldtypes = {df.fieldname: (df.fieldtype, df.options) for df in meta.fields}

	def shown(fieldname: str, value):
		if value is None or value == "":
			return _("(empty)")
		fieldtype, options = fieldtypes.get(fieldname, (None, None))
		if not isinstance(value, str):
			return value
		if fieldtype == "Select" or (fieldtype == "Link" and options in translated):
			return _(value)
		if fieldtype == "Link" and options == "User":
			return get_fullname(value)
		return value

	return shown


def mask_version_data(data: str | None, hidden: frozenset[str]) -> str | None:
	if not data:
		return data
	try:
		diff = json.loads(data)
	except ValueError:
		return data
	masked = _("(hidden)")
	for key in ("changed",):
		diff[key] = [
			[row[0], masked, masked] if row and row[0] in hidden else row for row in diff.get(key) or []
		]
	return json.dumps(diff, ensure_ascii=False)


@frappe.whitelist()
def toggle_like(doctype, name, add=False):
	_require_read(doctype, name)
	if is_unit_scoped(doctype) and not frappe.has_permission(doctype, "write", name):
		raise frappe.PermissionError  # the read-only roles change nothing, likes included
	return frappe_like.toggle_like(doctype, name, add)


def _require_follow(doctype: str, doc_name: str) -> None:
	"""Following e-mails a record's changes (its Version diffs): only to readers of all of it."""
	_require_read(doctype, doc_name)
	if is_unit_scoped(doctype) and hidden_fields(scoped_parent(doctype) or doctype):
		raise frappe.PermissionError


@frappe.whitelist()
def update_follow(doctype: str, doc_name: str, following: bool):
	_require_follow(doctype, doc_name)
	return document_follow.update_follow(doctype, doc_name, following)


@frappe.whitelist()
def follow_document(doctype, doc_name, user):
	if not is_operator() and user != frappe.session.user:
		raise frappe.PermissionError
	_require_follow(doctype, doc_name)
	return document_follow.follow_document(doctype, doc_name, user)


@frappe.whitelist()
def unfollow_document(doctype, doc_name, user):
	if not is_operator() and user != frappe.session.user:
		raise frappe.PermissionError
	return document_follow.unfollow_document(doctype, doc_name, user)


@frappe.whitelist()
def get_follow_users(doctype, doc_name):
	_require_read(doctype, doc_name)
	return document_follow.get_follow_users(doctype, doc_name)


@frappe.whitelist()
def mark_as_read(docname: str):
	if docname and not is_operator():
		if frappe.db.get_value("Notification Log", docname, "for_user") != frappe.session.user:
			raise frappe.PermissionError
	return notification_log.mark_as_read(docname)


@frappe.whitelist()
def run_doc_method(method, docs=None, dt=None, dn=None, arg=None, args=None):
	"""Frappe returns the whole document with the method's result: here, as `getdoc` would."""
	from frappe.handler import run_doc_method as frappe_run_doc_method

	result = frappe_run_doc_method(method, docs=docs, dt=dt, dn=dn, arg=arg, args=args)
	for doc in frappe.response.get("docs") or []:
		if hasattr(doc, "apply_fieldlevel_read_permissions"):
			doc.apply_fieldlevel_read_permissions()
	return result


# ---------------------------------------------------------------- charts, cards, trees, realtime


@frappe.whitelist()
def dashboard_chart_get(
	chart_name=None,
	chart=None,
	no_cache=None,
	filters=None,
	from_date=None,
	to_date=None,
	timespan=None,
	time_interval=None,
	heatmap_year=None,
	refresh=None,
):
	"""Only saved charts the reader may open run; a chart sent by the client does not. A chart that
	this method cannot draw (one drawn from its source or from a report, or a time series with no
	time span) is refused with a 417, where Frappe answers with a server error."""
	if not is_operator():
		if not chart_name:
			deny(_("Open a saved chart"))
		_require_read("Dashboard Chart", chart_name)
		chart = None
	if chart_name:
		check_chart(frappe.get_cached_doc("Dashboard Chart", chart_name), timespan)
	return dashboard_chart.get(
		chart_name,
		chart,
		no_cache,
		filters,
		from_date,
		to_date,
		timespan,
		time_interval,
		heatmap_year,
		refresh,
	)


def check_chart(chart, timespan: str | None) -> None:
	if chart.chart_type not in ("Count", "Sum", "Average", "Group By"):
		frappe.throw(
			_("Chart {0} is drawn from its source or report, not by this method").format(chart.name),
			exc=InvalidArgumentError,
			title=_("Invalid Request"),
		)
	if chart.chart_type != "Group By" and chart.type != "Heatmap" and not (timespan or chart.timespan):
		frappe.throw(
			_("Choose the time span of chart {0}").format(chart.name),
			exc=InvalidArgumentError,
			title=_("Invalid Request"),
		)


@frappe.whitelist()
def number_card_get_result(doc, filters, to_date=None):
	"""Only saved number cards the reader may open are counted."""
	if not is_operator():
		card = frappe.parse_json(doc) or {}
		name = card.get("name") if isinstance(card, dict) else None
		if not name or not frappe.db.exists("Number Card", name):
			deny(_("Open a saved number card"))
		_require_read("Number Card", name)
		doc = frappe.get_doc("Number Card", name).as_dict()
	return number_card.get_result(doc, filters, to_date)


@frappe.whitelist()
def number_card_get_percentage_difference(doc, filters, result):
	card = frappe.parse_json(doc) or {}
	name = card.get("name") if isinstance(card, dict) else None
	if not is_operator():
		_require_read("Number Card", name)
	return number_card.get_percentage_difference(doc, filters, result)


@frappe.whitelist()
def get_all_nodes(doctype, label, parent, tree_method, **filters):
	"""Frappe forwards every argument to `tree_method`, past the usual stripping of switches."""
	if not is_operator():
		if tree_method not in ALLOWED_METHODS and not tree_method.startswith("ward_admin."):
			deny()
		for key in ("ignore_permissions", "ignore_user_permissions", "flags", "user"):
			filters.pop(key, None)
	return treeview.get_all_nodes(doctype, label, parent, tree_method, **filters)


@frappe.whitelist(allow_guest=True)
def can_subscribe_doctype(doctype: str) -> bool:
	"""A doctype's room announces every saved record's name: unit-scoped ones only to operators."""
	from frappe.realtime import can_subscribe_doctype as frappe_can_subscribe_doctype

	if is_unit_scoped(doctype) and units_of(doctype=doctype) is not None:
		raise frappe.PermissionError
	return frappe_can_subscribe_doctype(doctype)
