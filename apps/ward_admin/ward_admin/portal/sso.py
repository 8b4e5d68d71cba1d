"""Citizens sign in through the province's single sign-on (VNeID, the national portal's SSO): an
OpenID Connect provider that an admin configures as a Frappe **Social Login Key** whose Redirect
URL is this app's callback, `/api/method/ward_admin.api.sso.callback/<key>` (left empty, it is
filled in: `default_redirect_url`). The browser's way through (`ward_admin.api.sso`):

1. `/login`'s button "Đăng nhập bằng VNeID" (`login_page_context`) opens
   `ward_admin.api.sso.login?provider=<key>&redirect_to=<path>`: `authorize_url` keeps a random
   state in Redis for ten minutes (the provider, where to land) and in an HttpOnly cookie of the
   browser, and sends the browser to the provider's Authorize URL (client id, redirect URL, the
   key's Auth URL Data such as `{"response_type": "code", "scope": "openid"}`).
2. The citizen logs in at the provider and consents; the provider sends the browser back to the
   callback with `code` and `state`.
3. `finish`: the state must be this browser's (the cookie) and unused; the code is exchanged for a
   token at the Access Token URL and the claims read from the API Endpoint (userinfo), with
   Frappe's OAuth client (`frappe.utils.oauth`). `account_for` takes the citizen ID from the claim
   named in the key's **Citizen ID Claim** (default `citizen_id`), checks it with the counter's
   rule (`services.citizen_id`), and finds the account: the user holding that citizen ID, else
   the user with the claims' e-mail (the citizen ID is then attached), else a new Website User
   with the Citizen role only. Frappe's `LoginManager.post_login` then opens the session.

Refused, with a Vietnamese page and nothing written: a state that is not the browser's (or
spent), a citizen who declined at the provider, a provider that does not answer, claims without a
valid citizen ID or an e-mail, an e-mail whose account holds another citizen ID or that the
provider says it has not verified, a disabled account, a new citizen when the key does not allow
sign-ups, and any staff account (a desk user, or Administrator): the citizens' sign-on proves who
a citizen is, not a civil servant's authority, so a staff member signs in with their own password
and keeps their roles untouched.

The claim: Frappe's provider, Keycloak and most OpenID providers release only standard claims
unless configured; the province's operator names the one carrying the personal ID number, and the
key's Citizen ID Claim says which (the test's provider sends it as `sub`,
tests/api/test_citizen_sso_flow.py).

Why not Frappe's own callback (`frappe.integrations.oauth2_logins.custom/<key>`): it creates the
account before anything could read a claim, gives an existing staff account Portal Settings'
default role, and never checks that the state is the browser's. The request guard keeps it
closed to guests (`permissions.allowlist.GUEST_METHODS` lists only this app's two methods).

The citizen ID is stored on the User (`citizen_id_number`, a custom field at permission level 1:
read and written only by System Managers, so neither the citizen nor other staff can change it,
and ward staff who may select users never read it); `validate_user_citizen_id` holds every
write to the counter's rule.
"""

from urllib.parse import urlencode, urlsplit

import frappe
from frappe import _

from ward_admin.one_stop.doctype.dossier.lifecycle import InvalidCitizenIdError
from ward_admin.portal.setup import CITIZEN_ROLE
from ward_admin.services import citizen_id

START_METHOD = "ward_admin.api.sso.login"
CALLBACK_METHOD = "ward_admin.api.sso.callback"
DEFAULT_CLAIM = "citizen_id"
CLAIM_FIELD = "citizen_id_claim"
USER_FIELD = "citizen_id_number"
STATE_COOKIE = "ward_sso_state"
STATE_SECONDS = 600
PROVIDER_TIMEOUT = 15


class SignInError(frappe.ValidationError):
	"""A sign-in the provider's answer cannot complete (417)."""


class SignInStateError(SignInError):
	"""A callback whose state this browser did not start, has used already, or let expire."""


class SignInCancelledError(SignInError):
	"""The citizen did not consent at the provider (it answered with an `error`)."""


class ProviderError(SignInError):
	"""The provider did not exchange the code or answer with the user's claims (502)."""

	http_status_code = 502


class CitizenIdClaimError(SignInError):
	"""The claims carry no citizen ID, or one that is not a valid 12-digit personal ID number."""


class MissingEmailError(SignInError):
	"""The claims carry no usable e-mail address, which a Frappe account needs."""


class AccountConflictError(SignInError):
	"""The claims' e-mail belongs to an account that holds another citizen ID."""


class UnverifiedEmailError(SignInError):
	"""The claims' e-mail, which the provider says it has not verified, names an existing account."""


class SignInRefusedError(frappe.PermissionError):
	"""An account the citizens' sign-on may not open (403)."""


class StaffAccountError(SignInRefusedError):
	"""A desk user, Administrator or an outside system's account: it signs in with its own
	password, its roles untouched."""


class DisabledAccountError(SignInRefusedError):
	"""A disabled account."""


class SignUpClosedError(SignInRefusedError):
	"""No account yet, and the provider's key does not allow sign-ups."""


class UnknownProviderError(frappe.DoesNotExistError):
	"""No enabled Social Login Key of that name sends citizens to this app's callback (404)."""


# what the callback answers with a Vietnamese page rather than a server error
REFUSALS = (SignInError, SignInRefusedError, UnknownProviderError)


def callback_path(provider: str) -> str:
	return f"/api/method/{CALLBACK_METHOD}/{provider}"


def start_url(provider: str, redirect_to: str | None = None) -> str:
	query = {"provider": provider, **({"redirect_to": redirect_to} if redirect_to else {})}
	return f"/api/method/{START_METHOD}?{urlencode(query)}"


def is_citizen_provider(provider: str | None) -> bool:
	"""An enabled Social Login Key whose Redirect URL is this app's callback."""
	if not provider or not isinstance(provider, str):
		return False
	key = frappe.db.get_value(
		"Social Login Key", provider, ["enable_social_login", "redirect_url"], as_dict=True
	)
	return bool(
		key
		and key.enable_social_login
		and urlsplit(key.redirect_url or "").path.rstrip("/") == callback_path(provider)
	)


def provider_or_404(provider: str | None) -> str:
	if not is_citizen_provider(provider):
		frappe.throw(
			_("This sign-in service is not available"),
			exc=UnknownProviderError,
			title=_("Sign-in Unavailable"),
		)
	return provider


def provider_label(provider: str) -> str:
	return frappe.db.get_value("Social Login Key", provider, "provider_name") or provider


def claim_name(provider: str) -> str:
	return (frappe.db.get_value("Social Login Key", provider, CLAIM_FIELD) or "").strip() or DEFAULT_CLAIM


# Start
# -----


def authorize_url(provider: str | None, redirect_to: str | None = None) -> str:
	"""The provider's authorization address for this browser; keeps the state (Redis, cookie)."""
	from frappe.utils.oauth import get_oauth2_flow, get_oauth2_providers, get_redirect_uri

	provider = provider_or_404(provider)
	token = frappe.generate_hash(length=32)
	frappe.cache.set_value(
		state_key(token),
		{"provider": provider, "redirect_to": landing(redirect_to)},
		expires_in_sec=STATE_SECONDS,
	)
	frappe.local.cookie_manager.set_cookie(STATE_COOKIE, token, httponly=True, max_age=STATE_SECONDS)
	data = {
		# the key's Auth URL Data (response type, scopes), never in place of the two below
		**(get_oauth2_providers()[provider].get("auth_url_data") or {}),
		"redirect_uri": get_redirect_uri(provider),
		"state": token,
	}
	return get_oauth2_flow(provider).get_authorize_url(**data)


def state_key(token: str) -> str:
	# hooks.py `persistent_cache_keys`: clearing the site's cache (a migrate, a customisation)
	# does not cut a sign-in short
	return f"ward_admin:sso-state:{token}"


def landing(redirect_to: str | None) -> str:
	"""Where to land after signing in: a path of this site (never another site's address), by
	default the citizen's home page (hooks.py `role_home_page`)."""
	home = "/" + (frappe.get_hooks("role_home_page").get(CITIZEN_ROLE) or ["me"])[-1]
	if not redirect_to or not isinstance(redirect_to, str) or "\\" in redirect_to:
		return home
	parts = urlsplit(redirect_to.strip())
	request = getattr(frappe.local, "request", None)
	if parts.scheme or parts.netloc:
		if not request or parts.netloc != urlsplit(request.url).netloc:
			return home
	path = parts.path
	if not path.startswith("/") or path.startswith("//"):
		return home
	return path + (f"?{parts.query}" if parts.query else "")


# Callback
# --------


def finish(provider: str | None, code: str | None, state: str | None, error: str | None = None) -> str:
	"""Signs the browser's citizen in (the callback); returns where to send them."""
	if error:
		# the citizen declined at the provider (Frappe's provider then sends no state back)
		forget_state()
		not_completed(provider_or_404(provider))
	pending = take_state(provider, state)
	provider = provider_or_404(pending["provider"])
	if not code:
		not_completed(provider)
	user = account_for(provider, fetch_claims(provider, code))
	log_in(user)
	return pending["redirect_to"]


def not_completed(provider: str) -> None:
	frappe.throw(
		_("The sign-in was not completed at {0}: sign in again and allow sharing your details").format(
			provider_label(provider)
		),
		exc=SignInCancelledError,
		title=_("Sign-in Not Completed"),
	)


def take_state(provider: str | None, state: str | None) -> dict:
	"""The pending sign-in this state names, once, and only in the browser that started it."""
	request = getattr(frappe.local, "request", None)
	cookie = request.cookies.get(STATE_COOKIE) if request else None
	pending = None
	if isinstance(state, str) and state and cookie == state:
		key = state_key(state)
		pending = frappe.cache.get_value(key, expires=True)
		frappe.cache.delete_value(key)
	forget_state()
	if not isinstance(pending, dict) or pending.get("provider") != provider:
		frappe.throw(
			_(
				"This sign-in link has expired or was opened in another browser: start again from the login page"
			),
			exc=SignInStateError,
			title=_("Sign-in Expired"),
		)
	return pending


def forget_state() -> None:
	"""The browser's state cookie goes with the callback, whatever it answers."""
	if cookies := getattr(frappe.local, "cookie_manager", None):
		cookies.delete_cookie(STATE_COOKIE)


def fetch_claims(provider: str, code: str) -> dict:
	"""The user's claims from the provider's userinfo endpoint, for the authorization code."""
	from frappe.integrations.oauth2_logins import decoder_compat
	from frappe.utils.oauth import get_oauth2_flow, get_oauth2_providers, get_redirect_uri

	config = get_oauth2_providers()[provider]
	try:
		session = get_oauth2_flow(provider).get_auth_session(
			data={
				"code": code,
				"redirect_uri": get_redirect_uri(provider),
				"grant_type": "authorization_code",
			},
			decoder=decoder_compat,
			timeout=PROVIDER_TIMEOUT,
		)
		response = session.get(
			config["api_endpoint"], params=config.get("api_endpoint_args"), timeout=PROVIDER_TIMEOUT
		)
		response.raise_for_status()
		claims = response.json()
	except Exception:
		# the operator's clue (a wrong URL, client secret or redirect URL); deferred, so the
		# refusal's rollback keeps it
		frappe.log_error(title=f"Citizen sign-in: {provider} did not answer", defer_insert=True)
		claims = None
	if not isinstance(claims, dict):
		frappe.throw(
			_("{0} did not confirm the sign-in: try again in a moment").format(provider_label(provider)),
			exc=ProviderError,
			title=_("Sign-in Failed"),
		)
	return claims


def citizen_id_from(claims: dict, provider: str) -> str:
	"""The claims' citizen ID, normalised, or CitizenIdClaimError."""
	value = claims.get(claim_name(provider))
	label = provider_label(provider)
	if not isinstance(value, str) or not value.strip():
		frappe.throw(
			_(
				"{0} did not send your citizen ID number, so your account cannot be verified: sign in again "
				"and allow sharing it, or file your dossier at the ward's counter"
			).format(label),
			exc=CitizenIdClaimError,
			title=_("Citizen ID Missing"),
		)
	try:
		return citizen_id.validate(value)
	except citizen_id.CitizenIdError as e:
		frappe.throw(
			_("{0} sent a citizen ID number that is not valid: {1}").format(label, id_reason(e.reason)),
			exc=CitizenIdClaimError,
			title=_("Invalid Citizen ID Number"),
		)


def id_reason(reason: str) -> str:
	return {
		"format": _("it must be exactly 12 digits"),
		"province": _("it does not start with a province code"),
		"future": _("it gives a birth year in the future"),
		"birth_year": _("it does not match the date of birth"),
	}.get(reason, reason)


def email_from(claims: dict, provider: str) -> str:
	from frappe.utils import validate_email_address
	from frappe.utils.oauth import get_email

	email = get_email(claims)
	email = email.strip().lower() if isinstance(email, str) else ""
	if not email or validate_email_address(email) != email:
		frappe.throw(
			_(
				"{0} did not send an e-mail address, which your account on the portal needs: add one to "
				"your {0} account and sign in again"
			).format(provider_label(provider)),
			exc=MissingEmailError,
			title=_("E-mail Missing"),
		)
	return email


def account_for(provider: str, claims: dict) -> str:
	"""The citizen's account for these claims, made or completed: its name (the User)."""
	number = citizen_id_from(claims, provider)
	email = email_from(claims, provider)
	subject = (
		claims.get(frappe.db.get_value("Social Login Key", provider, "user_id_property") or "sub") or number
	)
	# by the citizen ID first (it names the person, whatever e-mail the provider has now), then by
	# the e-mail (Administrator's account is not named after its e-mail)
	user = frappe.db.get_value("User", {USER_FIELD: number})
	by_email = not user
	user = user or frappe.db.get_value("User", {"email": email})
	if not user:
		return new_citizen(provider, claims, number, email, str(subject))
	doc = frappe.get_doc("User", user)
	refuse_unless_citizen_account(doc)
	if by_email and claims.get("email_verified") is False:
		# whoever typed that address at the provider without proving it does not get its account
		frappe.throw(
			_(
				"{0} has not verified the e-mail address {1}, which belongs to an account of this portal: "
				"verify it at {0} and sign in again"
			).format(provider_label(provider), email),
			exc=UnverifiedEmailError,
			title=_("E-mail Not Verified"),
		)
	if doc.get(USER_FIELD) and doc.get(USER_FIELD) != number:
		frappe.throw(
			_("The e-mail address {0} belongs to an account with another citizen ID number").format(email),
			exc=AccountConflictError,
			title=_("Account Conflict"),
		)
	changed = False
	if not doc.get(USER_FIELD):
		doc.set(USER_FIELD, number)
		changed = True
	if CITIZEN_ROLE not in {row.role for row in doc.roles}:
		doc.append("roles", {"role": CITIZEN_ROLE})
		changed = True
	if not doc.get_social_login_userid(provider):
		doc.set_social_login_userid(provider, userid=str(subject))
		changed = True
	if changed:
		doc.flags.ignore_permissions = True
		doc.save()
	return doc.name


def refuse_unless_citizen_account(user) -> None:
	"""Only a citizen's account: a website user with no role but Citizen. Staff (a desk role) and
	the accounts of outside systems (the National Portal's, website users too) keep their roles
	and are not opened here."""
	roles = {row.role for row in user.roles} - {CITIZEN_ROLE, "All", "Guest"}
	if user.name in ("Administrator", "Guest") or user.user_type != "Website User" or roles:
		frappe.throw(
			_(
				"{0} is an account of the one-stop shop's staff or systems: it signs in with its own "
				"password, not with the citizens' sign-on"
			).format(user.name),
			exc=StaffAccountError,
			title=_("Staff Account"),
		)
	if not user.enabled:
		frappe.throw(
			_("The account {0} is disabled: ask the ward's one-stop shop").format(user.name),
			exc=DisabledAccountError,
			title=_("Account Disabled"),
		)


def new_citizen(provider: str, claims: dict, number: str, email: str, subject: str) -> str:
	from frappe.integrations.doctype.social_login_key.social_login_key import provider_allows_signup
	from frappe.utils.oauth import get_first_name, get_last_name

	if not provider_allows_signup(provider):
		frappe.throw(
			_("New accounts cannot be opened with {0} on this portal: ask the ward's one-stop shop").format(
				provider_label(provider)
			),
			exc=SignUpClosedError,
			title=_("Sign-up Closed"),
		)
	user = frappe.new_doc("User")
	user.update(
		{
			"email": email,
			"first_name": get_first_name(claims) or email.split("@")[0],
			"last_name": get_last_name(claims),
			"user_type": "Website User",
			"enabled": 1,
			"send_welcome_email": 0,
			USER_FIELD: number,
		}
	)
	user.append("roles", {"role": CITIZEN_ROLE})
	user.set_social_login_userid(provider, userid=subject)
	user.flags.ignore_permissions = True
	user.flags.no_welcome_mail = True
	user.insert()
	return user.name


def log_in(user: str) -> None:
	"""Frappe's login of a verified user (its on_login hooks, session and cookies)."""
	frappe.local.login_manager.user = user
	frappe.local.login_manager.post_login()


# Hooks
# -----


def login_page_context(context) -> None:
	"""hooks.py `update_website_context`, on `/login` (the page whose context has
	`provider_logins`): a citizen provider's button starts the app's sign-in (with its state bound
	to the browser), not Frappe's; and a visitor who has not chosen a language (`_lang`, the
	`preferred_language` cookie) reads the page in Vietnamese, as the portal's pages, whose door it
	is ("Đăng nhập bằng VNeID"; Frappe v15 reads no Accept-Language before the session is known)."""
	if "provider_logins" not in context:
		return
	request = getattr(frappe.local, "request", None)
	if (
		request
		and frappe.session.user == "Guest"
		and not frappe.form_dict.get("_lang")
		and not request.cookies.get("preferred_language")
	):
		frappe.local.lang = "vi"
		if context.get("boot"):
			context.boot["lang"] = "vi"  # the page's <html lang> and its scripts' translations
	redirect_to = request.args.get("redirect-to") if request else None
	for login in context.get("provider_logins") or []:
		if is_citizen_provider(login.get("name")):
			login["auth_url"] = start_url(login["name"], redirect_to)


def default_redirect_url(doc, method=None) -> None:
	"""Social Login Key.before_validate: a custom provider left without a Redirect URL sends
	citizens to this app's callback."""
	if doc.social_login_provider == "Custom" and not doc.redirect_url and doc.name:
		doc.redirect_url = callback_path(doc.name)


def validate_user_citizen_id(user, method=None) -> None:
	"""User.validate: a stored citizen ID follows the counter's rule (12 digits and the rest)."""
	number = user.get(USER_FIELD)
	if not number:
		return
	try:
		user.set(USER_FIELD, citizen_id.validate(number))
	except citizen_id.CitizenIdError as e:
		frappe.throw(
			_("Citizen ID Number {0} is not valid: {1}").format(number, id_reason(e.reason)),
			exc=InvalidCitizenIdError,
			title=_("Invalid Citizen ID Number"),
		)
