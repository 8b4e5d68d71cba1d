"""Bad input gets a clear, translated error (HTTP 4xx), never a server error, and writes nothing.

Every whitelisted method of ward_admin (found in its source) is called with malformed values for
each of its parameters, and a dossier is created and changed through REST with malformed values
for each of its fields, as a One-Stop Officer and as the site's Administrator.
"""

import json

import frappe
import pytest
from routes import BENCH, Route, _decorator_info
from security_province import WARD_A, session_for

BAD_VALUES = [
	"",
	"abc",
	"-1",
	"1e309",
	"2026-13-45 99:99:99",
	'{"a":',
	"[]",
	"{}",
	"null",
	"x" * 5000,
	"001٠٩٠٠١٢٣٤٥",
	"<script>alert(1)</script>",
	"'; drop table `tabDossier`; --",
]


# one value of each kind that broke something once: empty, text, a bad date, an overflowing
# number, other scripts' digits, a number where text goes, a list, a dict
FIELD_VALUES = ["", "abc", "2026-13-45 99:99:99", "1e309", "001٠٩٠٠١٢٣٤٥", 12345, 1.5, [1, 2], {"a": 1}, None]


def ward_admin_methods() -> list[Route]:
	import ast

	routes = []
	root = BENCH / "apps" / "ward_admin" / "ward_admin"
	for path in sorted(root.rglob("*.py")):
		tree = ast.parse(path.read_text(encoding="utf-8"))
		module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
		for node in tree.body:
			if isinstance(node, ast.FunctionDef) and (info := _decorator_info(node)):
				if module == "ward_admin.permissions.routes":
					continue  # Frappe's routes, replaced: probed by test_security_routes
				params = tuple(a.arg for a in [*node.args.args, *node.args.kwonlyargs])
				routes.append(
					Route(f"{module}.{node.name}", params, info[2] or ("GET", "POST"), info[1], "ward_admin")
				)
	return routes


@pytest.mark.parametrize("user", ["officer_a", "administrator"])
def test_the_apps_methods_answer_bad_input_with_a_clear_error(desk_url, province, user):
	methods = ward_admin_methods()
	assert methods, "no whitelisted method found in ward_admin"
	token = province.tokens.get(user) or admin_token()
	s = session_for(desk_url, token)
	from dossier_factory import new_dossier

	procedure = frappe.db.get_value("Administrative Procedure", {"procedure_code": "9.999500"})
	target = new_dossier(procedure, unit=WARD_A).insert(ignore_permissions=True).name
	frappe.db.commit()
	errors = []
	good = {
		"dossier": target,
		"calendar": "Giờ hành chính",
		"received_at": "2026-03-02 10:00:00",
		"processing_time": 3,
		"time_unit": "Working Days",
		"new_appointment_at": "2030-01-01 10:00:00",
		"reason": "Chậm do xác minh",
		"procedure": frappe.db.get_value("Administrative Procedure", {"procedure_code": "9.999500"}),
		"effective_from": "2030-01-01",
	}
	for route in methods:
		params = [p for p in route.params if p not in ("self", "kwargs")]
		for param in params:
			for bad in BAD_VALUES:
				args = {p: good.get(p, "x") for p in params}
				args[param] = bad
				r = s.post(f"{desk_url}/api/method/{route.method}", data=args, timeout=60)
				if r.status_code >= 500:
					errors.append(f"{route.method}({param}={bad[:30]!r}) -> {r.status_code}: {r.text[-200:]}")
	frappe.db.rollback()
	frappe.delete_doc("Dossier", target, force=True, ignore_permissions=True)
	frappe.db.commit()
	assert not errors, "\n".join(errors[:20])


def admin_token() -> str:
	from frappe.core.doctype.user.user import generate_keys

	secret = generate_keys("Administrator")["api_secret"]
	key = frappe.db.get_value("User", "Administrator", "api_key")
	frappe.db.commit()
	return f"{key}:{secret}"


def test_a_dossier_with_bad_fields_is_refused_clearly(desk_url, province):
	s = session_for(desk_url, province.tokens["officer_a"])
	meta = frappe.get_meta("Dossier")
	good = {
		"administrative_unit": WARD_A,
		"procedure": frappe.db.get_value("Administrative Procedure", {"procedure_code": "9.999500"}),
		"channel": "Direct",
		"applicant_name": "Nguyễn Văn Thử",
		"documents": [{"document_name": "Tờ khai", "received": 1}],
	}
	r = s.post(f"{desk_url}/api/resource/Dossier", json=good, timeout=60)
	assert r.status_code == 200, r.text[-300:]
	target = r.json()["data"]["name"]
	errors, created = [], []
	fields = [df for df in meta.fields if df.fieldtype not in ("Section Break", "Column Break", "Tab Break")]
	try:
		for df in fields:
			for bad in FIELD_VALUES:
				r = s.post(f"{desk_url}/api/resource/Dossier", json={**good, df.fieldname: bad}, timeout=60)
				if r.status_code >= 500:
					errors.append(
						f"POST {df.fieldname}={json.dumps(bad)[:30]} -> {r.status_code}: {r.text[-200:]}"
					)
				elif r.status_code == 200:
					created.append(r.json()["data"]["name"])
				r = s.put(f"{desk_url}/api/resource/Dossier/{target}", json={df.fieldname: bad}, timeout=60)
				if r.status_code >= 500:
					errors.append(
						f"PUT {df.fieldname}={json.dumps(bad)[:30]} -> {r.status_code}: {r.text[-200:]}"
					)
	finally:
		frappe.db.rollback()
		for name in [target, *created]:
			frappe.delete_doc("Dossier", name, force=True, ignore_permissions=True)
		frappe.db.commit()
	assert not errors, "\n".join(errors[:30])
