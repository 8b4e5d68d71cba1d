"""Fields the app adds to Frappe's and ERPNext's doctypes, defined here and (re)applied on install,
migrate and test setup, so a change in this file reaches every site. Pure data but for
`ensure_custom_fields`, so the translation test reads it without a site."""

OWNER_UNIT_DESCRIPTION = (
	"The unit whose administrators keep this record. Empty: the province's, shared by every unit"
)

CUSTOM_FIELDS = {
	"Holiday List": [
		{
			"fieldname": "administrative_unit",
			"label": "Administrative Unit",
			"fieldtype": "Link",
			"options": "Administrative Unit",
			"insert_after": "holiday_list_name",
			"description": OWNER_UNIT_DESCRIPTION,
		}
	],
	"Assignment Rule": [
		{
			"fieldname": "administrative_unit",
			"label": "Administrative Unit",
			"fieldtype": "Link",
			"options": "Administrative Unit",
			"insert_after": "document_type",
			"description": "Dossiers of this unit (and the units under it) are assigned by this rule, "
			"only to its users. Required for dossiers",
		}
	],
}


def ensure_custom_fields() -> None:
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	create_custom_fields(CUSTOM_FIELDS, ignore_validate=True, update=True)
