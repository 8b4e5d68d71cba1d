"""Who reads the integrations' settings: the addresses and accounts of outside systems are the
province's, so only its admins (a Ward Admin of a top-level unit) and site operators open them;
changing them is also the province's (hooks.py `unit_owned_configuration`)."""

from ward_admin.permissions.scope import administers


def province_only(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""`has_permission` of National Portal Settings and Outbox Settings: deny-only."""
	return None if administers(None, user) else False
