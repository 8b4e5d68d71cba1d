"""/ : the site's front door, the citizens' portal home in Vietnamese (hooks.py `home_page`)."""

import frappe
from frappe import _

from ward_admin.portal.setup import is_citizen

no_cache = 1


def get_context(context):
	frappe.local.lang = "vi"
	context.no_cache = 1
	context.title = _("Online Public Services")
	context.logged_in = frappe.session.user != "Guest"
	context.citizen = is_citizen()
	context.staff = (
		context.logged_in and frappe.db.get_value("User", frappe.session.user, "user_type") == "System User"
	)
	return context
