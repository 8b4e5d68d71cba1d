"""Where the national public-service portal receives the ward's dossiers
(ward_admin.integrations.national_portal). The password is a Password field: stored encrypted,
never sent to the desk, never in a payload or an error.

`enabled_since` is when the sync was last switched on: the Service Index's sync rate
(ward_admin.integrations.indicators) counts the dossiers received from then on. It is set here,
never by hand (read-only on the form and in `validate`)."""

from frappe.model.document import Document
from frappe.utils import cint, now_datetime


class NationalPortalSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		enabled: DF.Check
		enabled_since: DF.Datetime | None
		endpoint_url: DF.Data | None
		password: DF.Password | None
		username: DF.Data | None
	# end: auto-generated types

	def validate(self) -> None:
		before = self.get_doc_before_save()
		was_enabled = bool(before and cint(before.enabled))
		if not cint(self.enabled):
			self.enabled_since = None
		elif not was_enabled or not (before and before.enabled_since):
			self.enabled_since = now_datetime()
		else:
			self.enabled_since = before.enabled_since
