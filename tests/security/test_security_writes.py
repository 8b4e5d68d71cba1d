"""Writes a client may not make: read-only and system fields, closed dossiers, others' states.

The property: whatever read-only or system fields a REST write sends, and through whichever
write route, the stored values do not change (the request may succeed for its other fields or
be refused, but it never moves a deadline, a status code or the control sheet).
"""

import json
import random
from datetime import datetime, timedelta

import frappe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from security_province import session_for

from ward_admin.one_stop.doctype.dossier.protection import BOOKKEEPING_FIELDS, protected_fields


def protected(meta) -> list[str]:
	return [*protected_fields(meta), *BOOKKEEPING_FIELDS, "docstatus"]


def stored(name: str) -> dict:
	frappe.db.rollback()
	doc = frappe.get_doc("Dossier", name)
	values = {}
	for field in protected(doc.meta):
		value = doc.get(field)
		if isinstance(value, list):
			value = [
				{k: str(v) for k, v in row.as_dict().items() if k not in ("modified", "modified_by")}
				for row in value
			]
		values[field] = str(value) if not isinstance(value, list) else value
	return values


def value_for(df, draw_int: int, text: str, when: datetime):
	if df.fieldtype in ("Datetime",):
		return (when + timedelta(hours=draw_int)).strftime("%Y-%m-%d %H:%M:%S")
	if df.fieldtype in ("Int", "Check", "Float", "Currency"):
		return draw_int
	if df.fieldtype == "Select":
		options = [o for o in (df.options or "").split("\n") if o]
		return options[draw_int % len(options)] if options else text
	if df.fieldtype in frappe.model.table_fields:
		child = frappe.get_meta(df.options)
		return [
			{
				c.fieldname: value_for(c, draw_int + i, text, when)
				for c in child.fields
				if c.fieldtype not in ("Section Break", "Column Break")
			}
			for i in range(1 + draw_int % 2)
		]
	return text


@settings(
	max_examples=30,
	deadline=None,
	suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
	chosen=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6),
	number=st.integers(min_value=-5, max_value=500),
	text=st.text(min_size=1, max_size=20),
	route=st.sampled_from(["v1 PUT", "v2 PATCH", "set_value", "save"]),
)
def test_read_only_fields_never_change_through_rest(desk_url, province, chosen, number, text, route):
	meta = frappe.get_meta("Dossier")
	fields = protected(meta)
	before = stored(province.a1)
	when = datetime(2026, 1, 1) + timedelta(days=random.Random(number).randint(0, 300))
	body = {}
	for index in chosen:
		fieldname = fields[index % len(fields)]
		df = meta.get_field(fieldname)
		body[fieldname] = (
			value_for(df, number, text, when) if df else (text if fieldname != "docstatus" else number % 3)
		)
	s = session_for(desk_url, province.tokens["officer_a"])
	url = desk_url
	if route == "v1 PUT":
		r = s.put(f"{url}/api/resource/Dossier/{province.a1}", json=body, timeout=60)
	elif route == "v2 PATCH":
		r = s.patch(f"{url}/api/v2/document/Dossier/{province.a1}", json=body, timeout=60)
	elif route == "set_value":
		r = s.post(
			f"{url}/api/method/frappe.client.set_value",
			json={"doctype": "Dossier", "name": province.a1, "fieldname": body},
			timeout=60,
		)
	else:
		doc = s.get(f"{url}/api/resource/Dossier/{province.a1}", timeout=60).json()["data"]
		r = s.post(
			f"{url}/api/method/frappe.client.save", json={"doc": json.dumps({**doc, **body})}, timeout=60
		)
	assert r.status_code != 500, r.text[-400:]
	assert stored(province.a1) == before, (route, body, r.status_code)


def test_rows_of_a_dossier_are_not_written_on_their_own(desk_url, province):
	"""PUT on a step or pause row would change the control sheet without the dossier's rules."""
	s = session_for(desk_url, province.tokens["officer_b"])
	before = stored(province.b1)
	for doctype, name in (("Dossier Step", province.b1_step), ("Dossier Pause", province.b1_pause)):
		r = s.put(
			f"{desk_url}/api/resource/{doctype}/{name}",
			json={"due_at": "2030-01-01 00:00:00", "ended_at": "2030-01-01 00:00:00"},
			timeout=60,
		)
		assert r.status_code in (403, 417), (doctype, r.text[-300:])
	assert stored(province.b1) == before
