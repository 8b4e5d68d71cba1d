"""Where the national public-service portal receives the ward's dossiers
(ward_admin.integrations.national_portal). The password is a Password field: stored encrypted,
never sent to the desk, never in a payload or an error."""

from frappe.model.document import Document


class NationalPortalSettings(Document):
	pass
