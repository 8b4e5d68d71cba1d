"""Finding a dossier the way the counter is asked for one: by its code, the applicant's citizen ID or
the applicant's name.

One rule serves every place a dossier is looked up: the Link fields' search (hooks.py
`standard_queries`), the list's search box and the awesome bar (`find`). Results are the reader's
own dossiers (Frappe's `get_list`: the unit scoping applies), newest first. The citizen ID is
searched only for roles that may read it, and only as a whole number: a prefix search would let a
reader guess a citizen's number digit by digit. Names match without accents and case
(`utf8mb4_unicode_ci`): "nguyen van an" finds "Nguyễn Văn An".
"""

import re

import frappe
from frappe import _
from frappe.utils import cint

from ward_admin import arguments
from ward_admin.permissions.scope import hidden_fields
from ward_admin.services.citizen_id import normalize

MIN_LENGTH = 3
LIMIT = 20
CITIZEN_ID = re.compile(r"^\d{12}$")


def conditions(txt: str) -> list[list]:
	"""The `or_filters` that find `txt` for the session's user."""
	txt = (txt or "").strip()
	if len(txt) < MIN_LENGTH:
		return []
	like = f"%{txt}%"
	found = [["name", "like", like], ["applicant_name", "like", like]]
	number = normalize(txt)
	if number and CITIZEN_ID.match(number) and "applicant_id_number" not in hidden_fields("Dossier"):
		found.append(["applicant_id_number", "=", number])
	return found


def matches(txt: str, fields: list[str], start: int = 0, limit: int = LIMIT, filters=None) -> list:
	or_filters = conditions(txt)
	if not or_filters:
		return []
	return frappe.get_list(
		"Dossier",
		fields=fields,
		filters=filters,
		or_filters=or_filters,
		order_by="received_at desc",
		start=start,
		page_length=limit,
	)


@frappe.whitelist()
def find(txt: str, limit: int = LIMIT) -> list[dict]:
	"""The dossiers the list's search box and the awesome bar show for `txt`."""
	if len((txt or "").strip()) < MIN_LENGTH:
		frappe.throw(
			_("Type at least {0} characters of a dossier code, citizen ID or name").format(MIN_LENGTH),
			exc=frappe.ValidationError,
			title=_("Search"),
		)
	limit = min(max(cint(limit), 1), 100)
	return matches(txt, ["name", "applicant_name", "procedure", "status", "due_at"], limit=limit)


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def link_query(doctype, txt, searchfield, start, page_len, filters, as_dict=False):
	"""Link fields to Dossier: code, applicant and procedure in the dropdown."""
	listed = isinstance(filters, list) or (isinstance(filters, str) and filters.strip().startswith("["))
	filters = arguments.json_value(filters, _("Filters"), list if listed else dict) or None
	rows = matches(
		txt,
		["name", "applicant_name", "procedure"],
		start=cint(start),
		limit=cint(page_len) or LIMIT,
		filters=filters,
	)
	if not rows and len((txt or "").strip()) < MIN_LENGTH:
		rows = frappe.get_list(
			"Dossier",
			fields=["name", "applicant_name", "procedure"],
			filters=filters,
			order_by="received_at desc",
			start=cint(start),
			page_length=cint(page_len) or LIMIT,
		)
	if as_dict:
		return rows
	return [(row.name, row.applicant_name, row.procedure) for row in rows]
