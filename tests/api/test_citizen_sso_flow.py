"""Citizens sign in with the province's single sign-on (VNeID), over HTTP, against a real OpenID
Connect provider: a second site of this bench, `sso-provider.localhost` (Frappe only, made on the
first run in under a minute and kept for the next), serving Frappe's own OAuth 2 / OpenID
provider (OAuth Client; `frappe.integrations.oauth2.authorize`, `get_token`, `openid_profile`).

Why the citizen ID travels as the `sub` claim here: Frappe v15's provider answers a fixed set of
claims (`frappe.oauth.get_userinfo`: sub, name, given_name, family_name, email, picture, roles,
iss) with no hook to add one, and its `sub` is the user's "frappe" User Social Login id, which the
provider's admin sets. So the provider's users carry their citizen ID as their subject, as a
national e-ID whose subject is the personal ID number would, and the test's Social Login Key names
`sub` in its Citizen ID Claim: the same configuration a province uses for any claim name (VNeID's
default, `citizen_id`, is what tests/integration/test_citizen_sso.py reads).

The browser is a `requests` session per site (both sites are 127.0.0.1 on two ports, and cookies
do not tell ports apart: a real browser keeps two hosts' cookies apart as this one does): the
app's start address → the provider's login and consent → the app's callback → the citizen's home,
then the portal's `my_dossiers`. Both servers are started here and stopped at the end; what the
tests commit on the test site is removed.
"""

import html
import json
import os
import re
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import frappe
import pytest
import requests

BENCH = Path(__file__).resolve().parents[2]
SITES = BENCH / "sites"
PROVIDER_SITE = "sso-provider.localhost"
READY_MARK = "ward-sso-provider-ready"
PROVIDER_ADMIN_PASSWORD = "admin"
KEY = "vneid"
PASSWORD = "VNeID-Thu-2026!"
CLIENT_NAME = "Cổng dịch vụ công phường (thử)"
# the provider's people: (e-mail, name, their subject = citizen ID)
CITIZEN = ("_sso.flow.congdan@example.vn", "Lê Văn Định", "079203001234")
NO_ID = ("_sso.flow.khongso@example.vn", "Phạm Thị Thiếu", "vneid-9f2c1e7a")
STAFF = ("_sso.flow.motcua@example.vn", "Ngô Cán Bộ", "001190012345")
WARD = "999.27.01.H99"
PROCEDURE_CODE = "9.999271"
REDIRECTS = (301, 302, 303, 307, 308)


def bench(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
	return subprocess.run(
		[str(BENCH / "env" / "bin" / "python"), "-m", "frappe.utils.bench_helper", "frappe", *args],
		cwd=SITES,
		input="\n",  # an empty MariaDB root password: frappe asks for it otherwise
		capture_output=True,
		text=True,
		timeout=timeout,
	)


def database_exists(name: str) -> bool:
	import pymysql

	connection = pymysql.connect(host="127.0.0.1", port=3306, user="root", password="")
	try:
		with connection.cursor() as cursor:
			cursor.execute("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s", (name,))
			return bool(cursor.fetchone())
	finally:
		connection.close()


def ensure_provider_site() -> None:
	"""The provider's site, made once (Frappe only) and kept: a rerun finds it ready."""
	folder = SITES / PROVIDER_SITE
	config = folder / "site_config.json"
	if (folder / READY_MARK).exists() and config.exists():
		if database_exists(json.loads(config.read_text())["db_name"]):
			return
	if folder.exists():
		import shutil

		shutil.rmtree(folder)
	# --force: a database left by an earlier folder at this path (its name hashes the path) goes
	made = bench(
		"new-site",
		PROVIDER_SITE,
		"--force",
		"--db-root-username",
		"root",
		"--admin-password",
		PROVIDER_ADMIN_PASSWORD,
		"--db-host",
		"127.0.0.1",
		"--mariadb-user-host-login-scope=%",
	)
	assert made.returncode == 0, made.stdout[-2000:] + made.stderr[-3000:]
	(folder / READY_MARK).touch()


def free_port() -> int:
	import socket

	with socket.socket() as s:
		s.bind(("127.0.0.1", 0))
		return s.getsockname()[1]


@pytest.fixture(scope="module")
def provider_url(site):
	"""The provider's site served (Frappe's development server) on a free port of 127.0.0.1."""
	ensure_provider_site()
	port = free_port()
	log = open(BENCH / "logs" / "sso-provider-web.log", "w")
	server = subprocess.Popen(
		[
			str(BENCH / "env" / "bin" / "python"),
			"-m",
			"frappe.utils.bench_helper",
			"frappe",
			"--site",
			PROVIDER_SITE,
			"serve",
			"--port",
			str(port),
			"--noreload",
		],
		cwd=SITES,
		env={**os.environ, "DEV_SERVER": "1"},
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	url = f"http://127.0.0.1:{port}"
	deadline = time.monotonic() + 90
	while True:
		try:
			if requests.get(f"{url}/api/method/ping", timeout=5).status_code == 200:
				break
		except requests.RequestException:
			pass
		if server.poll() is not None or time.monotonic() > deadline:
			server.kill()
			pytest.fail(f"the provider did not start on {url}; see logs/sso-provider-web.log")
		time.sleep(0.3)
	try:
		yield url
	finally:
		server.terminate()
		try:
			server.wait(timeout=10)
		except subprocess.TimeoutExpired:
			server.kill()
		log.close()


def provider_admin(provider_url: str) -> requests.Session:
	s = requests.Session()
	s.headers["Accept"] = "application/json"
	r = s.post(
		f"{provider_url}/api/method/login",
		data={"usr": "Administrator", "pwd": PROVIDER_ADMIN_PASSWORD},
		timeout=60,
	)
	assert r.status_code == 200, r.text[-300:]
	return s


def configure_provider(provider_url: str, redirect_uri: str) -> dict:
	"""The provider's OAuth Client for the ward's portal (this run's redirect URL) and its people."""
	admin = provider_admin(provider_url)
	resource = f"{provider_url}/api/resource/OAuth Client"
	found = admin.get(
		resource,
		params={"filters": json.dumps([["app_name", "=", CLIENT_NAME]]), "fields": '["name"]'},
		timeout=60,
	).json()["data"]
	client = {
		"app_name": CLIENT_NAME,
		"scopes": "all openid",
		"redirect_uris": redirect_uri,
		"default_redirect_uri": redirect_uri,
		"grant_type": "Authorization Code",
		"response_type": "Code",
		"skip_authorization": 0,
		# any signed-in person of the provider (Frappe's default: desk users only)
		"allowed_roles": [{"role": "All"}],
	}
	if found:
		r = admin.put(f"{resource}/{found[0]['name']}", json=client, timeout=60)
	else:
		r = admin.post(resource, json=client, timeout=60)
	assert r.status_code == 200, r.text[-500:]
	data = r.json()["data"]
	for email, name, subject in (CITIZEN, NO_ID, STAFF):
		user = f"{provider_url}/api/resource/User/{email}"
		if admin.get(user, timeout=60).status_code == 404:
			r = admin.post(
				f"{provider_url}/api/resource/User",
				json={
					"email": email,
					"first_name": name,
					"send_welcome_email": 0,
					"social_logins": [{"provider": "frappe", "userid": subject}],
				},
				timeout=60,
			)
			assert r.status_code == 200, r.text[-500:]
		r = admin.put(user, json={"new_password": PASSWORD}, timeout=60)
		assert r.status_code == 200, r.text[-500:]
	return {"client_id": data["client_id"], "client_secret": data["client_secret"]}


def clear_limits() -> None:
	for scope in ("sso-login", "sso-callback"):
		for address in ("127.0.0.1", "local"):
			frappe.cache.delete(frappe.cache.make_key(f"ward_admin:portal-{scope}:{address}"))


def remove_records() -> None:
	from dossier_factory import remove_committed_records

	frappe.db.rollback()
	frappe.set_user("Administrator")
	remove_committed_records([WARD], [PROCEDURE_CODE])
	for email, _name, _subject in (CITIZEN, NO_ID):
		if frappe.db.exists("User", email):
			frappe.delete_doc("User", email, force=True, ignore_permissions=True)
	if frappe.db.exists("Social Login Key", KEY):
		frappe.delete_doc("Social Login Key", KEY, force=True, ignore_permissions=True)
	frappe.db.commit()


@pytest.fixture(scope="module")
def vneid(desk_url, provider_url):
	"""The app site's Social Login Key for the provider, as a province's admin fills it in (the
	Redirect URL left empty: the app fills in its callback)."""
	from ward_admin.portal import sso

	remove_records()
	client = configure_provider(provider_url, f"{desk_url}{sso.callback_path(KEY)}")
	frappe.get_doc(
		{
			"doctype": "Social Login Key",
			"provider_name": "VNeID",
			"social_login_provider": "Custom",
			"enable_social_login": 1,
			**client,
			"custom_base_url": 1,
			"base_url": provider_url,
			"authorize_url": "/api/method/frappe.integrations.oauth2.authorize",
			"access_token_url": "/api/method/frappe.integrations.oauth2.get_token",
			"api_endpoint": "/api/method/frappe.integrations.oauth2.openid_profile",
			"auth_url_data": json.dumps({"response_type": "code", "scope": "openid"}),
			"user_id_property": "sub",
			"citizen_id_claim": "sub",
			"sign_ups": "Allow",
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	clear_limits()
	yield frappe._dict(app=desk_url, provider=provider_url)
	clear_limits()
	remove_records()


class Browser:
	"""One user agent over two sites: it follows redirects from one to the other and keeps each
	site's cookies to that site."""

	def __init__(self):
		self.sessions: dict[str, requests.Session] = {}

	def session(self, url: str) -> requests.Session:
		origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
		if origin not in self.sessions:
			s = requests.Session()
			s.headers.update({"Accept-Language": "vi-VN,vi;q=0.9", "Accept": "text/html,*/*;q=0.8"})
			self.sessions[origin] = s
		return self.sessions[origin]

	def get(self, url: str, stop_before: str | None = None) -> requests.Response:
		"""GET, following redirects across sites; with `stop_before`, the redirect to an address
		that starts with it is returned unfollowed."""
		for _ in range(10):
			response = self.session(url).get(url, allow_redirects=False, timeout=60)
			if response.status_code not in REDIRECTS:
				return response
			url = urljoin(url, response.headers["Location"])
			if stop_before and url.startswith(stop_before):
				return response
		raise AssertionError(f"too many redirects, last {url}")


def sign_in(
	browser: Browser, vneid, person, stop_at_callback: bool = False, consent: bool = True
) -> requests.Response:
	"""The citizen presses "Đăng nhập bằng VNeID": the provider's login (if the browser has no
	session there yet) and consent (or refusal), back to the app."""
	from ward_admin.portal import sso

	callback = f"{vneid.app}{sso.callback_path(KEY)}"
	stop = callback if stop_at_callback else None
	response = browser.get(f"{vneid.app}{sso.start_url(KEY)}", stop_before=stop)
	assert response.url.startswith(vneid.provider), response.url
	if urlsplit(response.url).path == "/login":
		back = parse_qs(urlsplit(response.url).query)["redirect-to"][0]
		login = browser.session(vneid.provider).post(
			f"{vneid.provider}/api/method/login", data={"usr": person[0], "pwd": PASSWORD}, timeout=60
		)
		assert login.status_code == 200, login.text[-300:]
		response = browser.get(urljoin(vneid.provider, back), stop_before=stop)
	# the consent page's two buttons: Allow (Frappe's approve), Deny (the redirect URL with an error)
	choices = re.findall(r'window\.location\.replace\("([^"]+)"\)', response.text)
	assert len(choices) == 2, (
		f"no consent page at the provider: {response.status_code} {response.text[-500:]}"
	)
	allow, deny = (html.unescape(url) for url in choices)
	assert "oauth2.approve" in allow and "error=access_denied" in deny
	return browser.get(urljoin(vneid.provider, allow if consent else deny), stop_before=stop)


def my_dossiers(browser: Browser, app: str) -> requests.Response:
	return browser.session(app).get(
		f"{app}/api/method/ward_admin.api.portal.my_dossiers",
		headers={"Accept": "application/json"},
		timeout=60,
	)


def logged_user(browser: Browser, app: str) -> str:
	r = browser.session(app).get(
		f"{app}/api/method/frappe.auth.get_logged_user", headers={"Accept": "application/json"}, timeout=60
	)
	return r.json().get("message") if r.status_code == 200 else "Guest"


def assert_refusal_page_in_vietnamese(response: requests.Response, reason: str) -> None:
	"""The app's refusal page (not the request guard's JSON) under the refusal's title, in
	Vietnamese whatever the browser asks."""
	assert response.headers["Content-Type"].startswith("text/html")
	assert '<html lang="vi"' in response.text
	title = frappe._(reason, lang="vi")
	assert title != reason and title in html.unescape(response.text), reason


def test_the_login_page_offers_vneid_in_vietnamese(vneid):
	from ward_admin.portal import sso

	page = requests.get(
		f"{vneid.app}/login?redirect-to=/nop-ho-so",
		headers={"Accept-Language": "vi-VN,vi;q=0.9", "Accept": "text/html"},
		timeout=60,
	)
	assert page.status_code == 200
	text = html.unescape(page.text)
	assert "Đăng nhập bằng VNeID" in text
	# the button starts the app's sign-in, which binds the state to the browser
	assert sso.start_url(KEY, "/nop-ho-so") in text


def test_a_citizen_signs_in_with_vneid_and_follows_their_dossiers(vneid):
	from dossier_factory import make_procedure, make_ward, new_dossier

	browser = Browser()
	home = sign_in(browser, vneid, CITIZEN)
	assert home.status_code == 200 and urlsplit(home.url).path == "/ho-so-cua-toi", home.url
	assert logged_user(browser, vneid.app) == CITIZEN[0]

	frappe.db.rollback()
	user = frappe.db.get_value(
		"User", CITIZEN[0], ["user_type", "citizen_id_number", "first_name"], as_dict=True
	)
	assert user == {"user_type": "Website User", "citizen_id_number": CITIZEN[2], "first_name": CITIZEN[1]}
	assert frappe.get_all("Has Role", filters={"parent": CITIZEN[0]}, pluck="role") == ["Citizen"]

	# a dossier the citizen filed online: the portal shows it to them, and only to them
	make_ward(WARD, "_Test Phường Đăng Nhập")
	procedure = make_procedure(PROCEDURE_CODE)
	dossier = new_dossier(procedure, unit=WARD, channel="Online").insert().name
	frappe.db.set_value("Dossier", dossier, "portal_user", CITIZEN[0])  # as the portal's filing sets it
	frappe.db.commit()
	mine = my_dossiers(browser, vneid.app)
	assert mine.status_code == 200, mine.text[-300:]
	assert [row["dossier"] for row in mine.json()["message"]] == [dossier]

	# the same person again, another day, in another browser: the same account, nothing added
	later = Browser()
	home = sign_in(later, vneid, CITIZEN)
	assert home.status_code == 200 and urlsplit(home.url).path == "/ho-so-cua-toi"
	assert [row["dossier"] for row in my_dossiers(later, vneid.app).json()["message"]] == [dossier]
	frappe.db.rollback()
	assert frappe.db.count("User", {"citizen_id_number": CITIZEN[2]}) == 1
	assert frappe.db.count("User Social Login", {"parent": CITIZEN[0], "provider": KEY}) == 1
	assert frappe.db.count("Has Role", {"parent": CITIZEN[0], "parenttype": "User"}) == 1


def test_an_answer_without_a_valid_citizen_id_is_refused_in_vietnamese_and_makes_no_account(vneid):
	browser = Browser()
	refused = sign_in(browser, vneid, NO_ID)
	assert refused.status_code == 417
	assert urlsplit(refused.url).path.startswith("/api/method/ward_admin.api.sso.callback/")
	assert_refusal_page_in_vietnamese(refused, "Invalid Citizen ID Number")
	frappe.db.rollback()
	assert not frappe.db.exists("User", NO_ID[0])
	assert logged_user(browser, vneid.app) == "Guest"
	assert my_dossiers(browser, vneid.app).status_code == 403


def test_a_citizen_who_declines_at_the_provider_is_told_and_gets_no_account(vneid):
	browser = Browser()
	declined = sign_in(browser, vneid, NO_ID, consent=False)
	assert declined.status_code == 417
	assert_refusal_page_in_vietnamese(declined, "Sign-in Not Completed")
	frappe.db.rollback()
	assert not frappe.db.exists("User", NO_ID[0])
	assert logged_user(browser, vneid.app) == "Guest"


def test_a_staff_member_is_not_turned_into_a_citizen(vneid, committed_user):
	committed_user(STAFF[0], "One-Stop Officer", PASSWORD)
	before = set(frappe.get_roles(STAFF[0]))
	browser = Browser()
	refused = sign_in(browser, vneid, STAFF)
	assert refused.status_code == 403
	assert_refusal_page_in_vietnamese(refused, "Staff Account")
	frappe.db.rollback()
	frappe.clear_cache(user=STAFF[0])
	assert set(frappe.get_roles(STAFF[0])) == before and "Citizen" not in before
	assert frappe.db.get_value("User", STAFF[0], ["user_type", "citizen_id_number"]) == ("System User", None)
	assert not frappe.db.exists("User Social Login", {"parent": STAFF[0], "provider": KEY})
	assert logged_user(browser, vneid.app) == "Guest"


def test_the_callback_works_once_and_only_in_the_browser_that_started_it(vneid):
	browser = Browser()
	stopped = sign_in(browser, vneid, CITIZEN, stop_at_callback=True)
	callback = urljoin(stopped.url, stopped.headers["Location"])
	assert parse_qs(urlsplit(callback).query)["code"]

	# a link that reached another browser (sent by someone, or forged) signs no one in there
	other = Browser()
	elsewhere = other.get(callback)
	assert elsewhere.status_code == 417
	assert_refusal_page_in_vietnamese(elsewhere, "Sign-in Expired")
	assert logged_user(other, vneid.app) == "Guest"
	# Frappe's own callback for the same provider stays closed to guests
	frappe_callback = callback.replace(
		"ward_admin.api.sso.callback", "frappe.integrations.oauth2_logins.custom"
	)
	assert other.get(frappe_callback).status_code == 403

	home = browser.get(callback)
	assert home.status_code == 200 and urlsplit(home.url).path == "/ho-so-cua-toi"
	assert logged_user(browser, vneid.app) == CITIZEN[0]
	# the state is spent: the same answer again is refused, even in the browser that started it
	assert browser.get(callback).status_code == 417
