"""Every whitelisted method that takes a doctype, as every role: nothing of another ward, no
personal data without the right to it, and nothing changed.

The methods are enumerated from the installed apps' source (frappe, erpnext, ward_admin), not
picked by hand; each is called over HTTP against the served test site by each user of the
security province (tests/security/conftest.py) with arguments aimed at ward B's dossier, its
child rows and its file, and, for the roles without personal-data access, at ward A's personal
data. A response leaks when it contains any canary value that user may not see.
"""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from routes import attack_arguments, enumerate_routes
from security_province import (
	COVERAGE,
	PERSONAL_FIELDS,
	WITHOUT_PERSONAL_DATA,
	differences,
	leaks,
	login_session,
	session_for,
	snapshot,
)

USERS = (
	"officer_a",
	"specialist_a",
	"leader_a",
	"admin_a",
	"inspector_a",
	"emulation_a",
	"citizen",
	"citizen_2",
	"guest",
)
CLOSED = "RouteNotAllowedError"
NAME_PARAMS = ("name", "dn", "docname", "doc_name", "document_name", "reference_name", "value")


def probes_for(route, province, user):
	variants = ["record", "rows", "file"]
	if user in WITHOUT_PERSONAL_DATA:
		variants.append("personal")
	for variant in variants:
		yield variant, attack_arguments(route, province, variant), False
	# a JSON body keeps types: a "name" sent as a dict becomes filters in frappe.get_doc
	if any(p in route.params for p in NAME_PARAMS):
		body = {p: {"applicant_id_number": ["like", "031%"]} for p in NAME_PARAMS if p in route.params}
		body.update({p: "Dossier" for p in ("doctype", "dt", "reference_doctype") if p in route.params})
		yield "name-as-filters", body, True


def call(session, route, args, as_json):
	url = f"{session.base_url}/api/method/{route.method}"
	method = "POST" if "POST" in route.http_methods else route.http_methods[0]
	try:
		if as_json:
			response = session.request(method, url, json=args, timeout=60)
		elif method == "GET":
			response = session.get(url, params=args, timeout=60)
		else:
			response = session.request(method, url, data=args, timeout=60)
	except Exception as error:  # a dropped connection is not a leak, but it is reported
		return 0, str(error)
	return response.status_code, response.text


def test_every_generic_route_keeps_wards_and_personal_data_apart(desk_url, province):
	routes = enumerate_routes()
	assert len(routes) > 250, "the enumeration found too few routes: has a source moved?"
	before = snapshot(province)

	sessions = {user: login_session(desk_url, province.users.get(user)) for user in USERS}
	plans = {(user, route): list(probes_for(route, province, user)) for user in USERS for route in routes}

	def run(job):
		user, route, _variant, args, as_json = job
		status, text = call(sessions[user], route, args, as_json)
		return job, status, text

	results = []
	with ThreadPoolExecutor(max_workers=6) as pool:
		# first probe of each route and user; a route the guard closes is closed whatever the arguments
		first = [(user, route, *plan[0]) for (user, route), plan in plans.items()]
		results.extend(pool.map(run, first))
		closed = {
			(job[0], job[1]) for job, status, text in results if status in (401, 403) and CLOSED in text
		}
		rest = [
			(user, route, *probe)
			for (user, route), plan in plans.items()
			if (user, route) not in closed
			for probe in plan[1:]
		]
		results.extend(pool.map(run, rest))
	jobs = first + rest

	found, personal_passed, statuses = [], [], {}
	for (user, route, variant, _args, _json), status, text in results:
		statuses[status] = statuses.get(status, 0) + 1
		assert "CSRFTokenError" not in text, "a probe lost its session: the counts would lie"
		for value in leaks(text, province.forbidden_for(user)):
			found.append(f"{user} {route.method} [{variant}] -> HTTP {status}: {value}")
		sent = json.dumps(_args)
		if variant == "personal" and status == 200 and any(f in sent for f in PERSONAL_FIELDS):
			body = json.loads(text)
			if body.get("message") not in (None, [], {}, 0, "", False):
				personal_passed.append(f"{user} {route.method} -> {text[:160]}")

	server_errors = sorted({job[1].method for job, status, _text in results if status == 500})
	allowed = {r.method for (u, r, *_), s, _t in results if s == 200}
	COVERAGE.append(
		f"security: {len(routes)} whitelisted routes that take a doctype "
		f"({sum(r.app == 'frappe' for r in routes)} frappe, {sum(r.app == 'erpnext' for r in routes)} erpnext, "
		f"{sum(r.app == 'ward_admin' for r in routes)} ward_admin) x {len(USERS)} users = {len(jobs)} probes; "
		f"{len(allowed)} routes answered 200 to some probe; HTTP statuses {dict(sorted(statuses.items()))}; "
		f"{len(found)} leaks, {statuses.get(500, 0)} server errors"
	)
	assert not found, "\n".join(found[:50])
	assert not server_errors, (
		f"{statuses.get(500)} server errors (HTTP 500), from: {', '.join(server_errors)}"
	)
	assert not personal_passed, "queries on personal data answered:\n" + "\n".join(personal_passed[:30])
	changed = differences(before, snapshot(province))
	assert not changed, "a probe changed ward A's or ward B's dossier:\n" + "\n".join(changed)


@pytest.mark.parametrize("user", ["officer_a", "inspector_a"])
def test_counts_of_another_ward_are_zero(desk_url, province, user):
	"""Counting routes answer with numbers, which carry no canary: each must count nothing of B."""
	s = session_for(desk_url, province.tokens[user])
	only_b = json.dumps({"name": province.b1})
	counts = {
		"frappe.client.get_count": {"doctype": "Dossier", "filters": only_b},
		"frappe.desk.reportview.get_count": {"doctype": "Dossier", "filters": only_b},
	}
	for method, args in counts.items():
		r = s.post(f"{desk_url}/api/method/{method}", data=args, timeout=60)
		assert r.status_code == 200, (method, r.text)
		assert r.json()["message"] == 0, method
	r = s.get(f"{desk_url}/api/v2/doctype/Dossier/count", params={"filters": only_b}, timeout=60)
	assert r.status_code in (200, 403) and r.json().get("data", 0) == 0
	r = s.post(
		f"{desk_url}/api/method/frappe.desk.listview.get_group_by_count",
		data={"doctype": "Dossier", "current_filters": only_b, "field": "assigned_to"},
		timeout=60,
	)
	assert r.status_code == 200 and r.json()["message"] == [], r.text
	r = s.post(
		f"{desk_url}/api/method/frappe.desk.reportview.get_sidebar_stats",
		data={
			"stats": json.dumps(["_user_tags"]),
			"doctype": "Dossier",
			"filters": json.dumps([["Dossier", "name", "=", province.b1]]),
		},
		timeout=60,
	)
	assert r.status_code == 200 and "canary-tag" not in r.text, r.text
