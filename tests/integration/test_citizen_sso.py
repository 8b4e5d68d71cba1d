"""The citizens' single sign-on's rules on the site (ward_admin.portal.sso), for the claims a provider
answers with: which account a citizen gets, what is refused, and that a refusal writes nothing.
The whole flow over HTTP against a real OpenID provider is tests/api/test_citizen_sso_flow.py."""

import frappe
import pytest

from ward_admin.one_stop.doctype.dossier.lifecycle import InvalidCitizenIdError
from ward_admin.portal import sso

KEY = "_test_vneid"
EMAIL = "_sso.congdan@example.vn"
NUMBER = "079203001234"


def make_key(**values) -> str:
	frappe.get_doc(
		{
			"doctype": "Social Login Key",
			"provider_name": KEY,
			"social_login_provider": "Custom",
			"enable_social_login": 1,
			"client_id": "ward-portal",
			"client_secret": "s3cret",
			"custom_base_url": 1,
			"base_url": "https://sso.example.gov.vn",
			"authorize_url": "/authorize",
			"access_token_url": "/token",
			"api_endpoint": "/userinfo",
			"auth_url_data": '{"response_type": "code", "scope": "openid"}',
			"user_id_property": "sub",
			"sign_ups": "Allow",
			**values,
		}
	).insert(ignore_permissions=True)
	return KEY


def claims(**values) -> dict:
	return {"sub": "vneid-subject-1", "email": EMAIL, "name": "Trần Thị Bình", "citizen_id": NUMBER, **values}


def roles_of(user: str) -> set[str]:
	return set(frappe.get_all("Has Role", filters={"parent": user, "parenttype": "User"}, pluck="role"))


def test_a_custom_key_left_without_redirect_url_sends_citizens_to_the_apps_callback():
	key = make_key()
	assert frappe.db.get_value("Social Login Key", key, "redirect_url") == sso.callback_path(key)
	assert frappe.db.get_value("Social Login Key", key, "citizen_id_claim") == "citizen_id"
	assert sso.is_citizen_provider(key)
	frappe.db.set_value("Social Login Key", key, "enable_social_login", 0)
	assert not sso.is_citizen_provider(key)
	with pytest.raises(sso.UnknownProviderError):
		sso.provider_or_404(key)


def test_a_new_citizen_gets_a_website_account_with_the_citizen_role_and_the_verified_id():
	user = sso.account_for(make_key(), claims())
	assert user == EMAIL
	row = frappe.db.get_value("User", user, ["user_type", "citizen_id_number", "enabled"], as_dict=True)
	assert row == {"user_type": "Website User", "citizen_id_number": NUMBER, "enabled": 1}
	assert roles_of(user) == {"Citizen"}
	logins = frappe.get_all("User Social Login", filters={"parent": user, "provider": KEY}, pluck="userid")
	assert logins == ["vneid-subject-1"]


def test_the_same_citizen_again_writes_nothing_even_with_another_e_mail():
	key = make_key()
	user = sso.account_for(key, claims())
	modified = frappe.db.get_value("User", user, "modified")
	assert sso.account_for(key, claims()) == user
	# the citizen ID names the person: a changed e-mail at the provider opens the same account
	assert sso.account_for(key, claims(email="_sso.moi@example.vn")) == user
	assert frappe.db.get_value("User", user, "modified") == modified
	assert frappe.db.count("User", {"citizen_id_number": NUMBER}) == 1
	assert not frappe.db.exists("User", "_sso.moi@example.vn")
	assert frappe.db.count("User Social Login", {"parent": user, "provider": KEY}) == 1


def test_a_citizen_who_signed_up_by_e_mail_gets_the_citizen_id_attached():
	frappe.get_doc(
		{"doctype": "User", "email": EMAIL, "first_name": "Bình", "send_welcome_email": 0, "roles": []}
	).insert(ignore_permissions=True)
	assert sso.account_for(make_key(), claims()) == EMAIL
	assert frappe.db.get_value("User", EMAIL, "citizen_id_number") == NUMBER
	assert roles_of(EMAIL) == {"Citizen"}


def test_the_claim_holding_the_citizen_id_is_the_keys():
	key = make_key(citizen_id_claim="so_dinh_danh")
	with pytest.raises(sso.CitizenIdClaimError):
		sso.account_for(key, claims())
	assert sso.account_for(key, claims(citizen_id=None, so_dinh_danh="079 203 001 234")) == EMAIL
	assert frappe.db.get_value("User", EMAIL, "citizen_id_number") == NUMBER


@pytest.mark.parametrize(
	"number",
	[None, "", "12345", "000203001234", "079903001234", 79203001234, ["079203001234"], "07920300123٤"],
)
def test_claims_without_a_valid_citizen_id_are_refused_and_make_no_account(number):
	with pytest.raises(sso.CitizenIdClaimError):
		sso.account_for(make_key(), claims(citizen_id=number))
	assert not frappe.db.exists("User", EMAIL)


@pytest.mark.parametrize("email", [None, "", "not-an-address", 42])
def test_claims_without_an_e_mail_are_refused(email):
	with pytest.raises(sso.MissingEmailError):
		sso.account_for(make_key(), claims(email=email))
	assert not frappe.db.exists("User", {"citizen_id_number": NUMBER})


@pytest.mark.parametrize("role", ["One-Stop Officer", "System Manager", "National Portal"])
def test_a_staff_or_system_account_is_refused_and_keeps_its_roles(role):
	from dossier_factory import make_unit_user

	make_unit_user(EMAIL, role, None)
	before = roles_of(EMAIL)
	with pytest.raises(sso.StaffAccountError):
		sso.account_for(make_key(), claims())
	assert roles_of(EMAIL) == before and "Citizen" not in before
	assert not frappe.db.get_value("User", EMAIL, "citizen_id_number")
	assert not frappe.db.exists("User Social Login", {"parent": EMAIL, "provider": KEY})


def test_administrator_is_never_opened_by_the_citizens_sign_on():
	with pytest.raises(sso.StaffAccountError):
		sso.account_for(make_key(), claims(email="admin@example.com"))


def test_an_e_mail_whose_account_holds_another_citizen_id_is_refused():
	key = make_key()
	sso.account_for(key, claims())
	with pytest.raises(sso.AccountConflictError):
		sso.account_for(key, claims(citizen_id="001190012345"))
	assert frappe.db.get_value("User", EMAIL, "citizen_id_number") == NUMBER


def test_an_unverified_e_mail_does_not_open_the_account_it_names():
	frappe.get_doc(
		{"doctype": "User", "email": EMAIL, "first_name": "Bình", "send_welcome_email": 0, "roles": []}
	).insert(ignore_permissions=True)
	key = make_key()
	with pytest.raises(sso.UnverifiedEmailError):
		sso.account_for(key, claims(email_verified=False))
	assert not frappe.db.get_value("User", EMAIL, "citizen_id_number")
	# a new account may start from it: the citizen ID is what the provider vouches for
	assert sso.account_for(key, claims(email="_sso.moi@example.vn", email_verified=False))


def test_a_disabled_citizen_is_refused():
	key = make_key()
	sso.account_for(key, claims())
	frappe.db.set_value("User", EMAIL, "enabled", 0)
	with pytest.raises(sso.DisabledAccountError):
		sso.account_for(key, claims())


def test_no_new_account_when_the_key_denies_sign_ups():
	with pytest.raises(sso.SignUpClosedError):
		sso.account_for(make_key(sign_ups="Deny"), claims())
	assert not frappe.db.exists("User", EMAIL)


def test_a_stored_citizen_id_follows_the_counters_rule():
	user = frappe.get_doc(
		{"doctype": "User", "email": EMAIL, "first_name": "Bình", "send_welcome_email": 0}
	).insert(ignore_permissions=True)
	user.citizen_id_number = "12345"
	with pytest.raises(InvalidCitizenIdError):
		user.save(ignore_permissions=True)


def test_a_citizen_cannot_change_their_own_citizen_id():
	sso.account_for(make_key(), claims())
	frappe.set_user(EMAIL)
	user = frappe.get_doc("User", EMAIL)
	assert not user.has_permlevel_access_to("citizen_id_number", permission_type="write")
	assert not user.has_permlevel_access_to("citizen_id_number", permission_type="read")


def test_a_pending_sign_in_and_its_rate_limits_survive_clearing_the_sites_cache():
	"""What `frappe.clear_cache()` deletes: every key of the site but `persistent_cache_keys`."""
	keys = [sso.state_key("_test-token"), "ward_admin:portal-sso-callback:_test"]
	for key in keys:
		frappe.cache.set_value(key, {"provider": KEY}, expires_in_sec=60)
	try:
		cleared = {frappe.safe_decode(k) for k in frappe.cache.get_keys("")}
		for pattern in frappe.get_hooks("persistent_cache_keys"):
			cleared.difference_update(frappe.safe_decode(k) for k in frappe.cache.get_keys(pattern))
		assert not [k for k in cleared if any(key in k for key in keys)]
	finally:
		frappe.cache.delete_value(keys)


@pytest.mark.parametrize(
	("asked", "landing"),
	[
		(None, "/ho-so-cua-toi"),
		("/nop-ho-so?thu-tuc=1.001", "/nop-ho-so?thu-tuc=1.001"),
		("//evil.example/x", "/ho-so-cua-toi"),
		("/\\evil.example", "/ho-so-cua-toi"),
		("https://evil.example/ho-so-cua-toi", "/ho-so-cua-toi"),
		("javascript:alert(1)", "/ho-so-cua-toi"),
	],
)
def test_the_landing_is_a_path_of_this_site(asked, landing):
	assert sso.landing(asked) == landing
