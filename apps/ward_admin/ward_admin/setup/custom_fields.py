"""Fields the app adds to Frappe's and ERPNext's doctypes, defined here and (re)applied on install,
migrate and test setup, so a change in this file reaches every site. Pure data but for
`ensure_custom_fields`, so the translation test reads it without a site."""

OWNER_UNIT_DESCRIPTION = (
	"The unit whose administrators keep this record. Empty: the province's, shared by every unit"
)

CUSTOM_FIELDS = {
	"Workflow Document State": [
		{
			"fieldname": "status_code",
			"label": "Status Code",
			"fieldtype": "Int",
			"insert_after": "state",
			"in_list_view": 1,
			"columns": 1,
			"description": "National status code of the state (Dossier workflow): 1 submitted online, "
			"2 received, 3 refused, 4 processing, 5 awaiting a supplement, 6 awaiting payment, "
			"7 withdrawn, 8 stopped, 9 resolved, 10 result returned",
		}
	],
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
		},
		{
			"fieldname": "dossier_routing",
			"label": "Dossier Routing",
			"fieldtype": "Link",
			"options": "Dossier Routing",
			"insert_after": "administrative_unit",
			"read_only": 1,
			"no_copy": 1,
			"description": "The routing this rule is made from: it changes only with that routing",
		},
	],
	"Journal Entry": [
		{
			"fieldname": "fee_receipt",
			"label": "Fee Receipt",
			"fieldtype": "Link",
			"options": "Fee Receipt",
			"insert_after": "user_remark",
			"read_only": 1,
			"no_copy": 1,
			"search_index": 1,
			"description": "The e-receipt that posted this entry; cancelling the receipt cancels it",
		}
	],
	# the citizens' single sign-on (ward_admin.portal.sso): the verified citizen ID of an account,
	# read and written only at permission level 1 (System Managers), and which claim carries it
	"User": [
		{
			"fieldname": "citizen_id_number",
			"label": "Citizen ID Number",
			"fieldtype": "Data",
			"length": 12,
			"insert_after": "username",
			"read_only": 1,
			"unique": 1,
			"no_copy": 1,
			"permlevel": 1,
			"description": "The citizen's 12-digit personal ID number, as the province's single sign-on "
			"(VNeID) verified it",
		}
	],
	"Social Login Key": [
		{
			"fieldname": "citizen_id_claim",
			"label": "Citizen ID Claim",
			"fieldtype": "Data",
			"insert_after": "user_id_property",
			"default": "citizen_id",
			"description": "For the citizens' sign-in (Redirect URL "
			"/api/method/ward_admin.api.sso.callback/<name of this key>): the claim of the provider's "
			"user information that holds the citizen's 12-digit ID number",
		}
	],
}


# Properties of Frappe's doctypes the app changes: (doctype, property, value, property type)
PROPERTY_SETTERS = [
	# an admin renames a state of the Dossier workflow in the desk (e.g. "Processing" to
	# "Đang xử lý"): Frappe then renames it in the workflow, in every dossier and process step
	("Workflow State", "allow_rename", "1", "Check"),
	# a dossier's state reads in the user's language in its form and links ("Được tiếp nhận", not
	# "Received"): Frappe translates the values of links to a translated doctype
	("Workflow State", "translated_doctype", "1", "Check"),
	# so do the names an admin meets in the workflow's and the fees' forms: the workflow itself
	# ("Hồ sơ"), its actions, the roles that act ("Công chức Một cửa", not "One-Stop Officer") and
	# ERPNext's modes of payment ("Tiền mặt", not "Cash")
	("Workflow", "translated_doctype", "1", "Check"),
	("Workflow Action Master", "translated_doctype", "1", "Check"),
	("Role", "translated_doctype", "1", "Check"),
	("Mode of Payment", "translated_doctype", "1", "Check"),
	# people by name, not by login or code: the receipt's collector, a point entry's staff member
	# ("Nguyễn Thị Mai", not "motcua@…" or "HR-EMP-00002")
	("User", "show_title_field_in_link", "1", "Check"),
	("Employee", "show_title_field_in_link", "1", "Check"),
]


def ensure_custom_fields() -> None:
	from frappe.custom.doctype.custom_field.custom_field import create_custom_fields

	# the module makes them the app's: uninstalling it deletes them with its doctypes
	fields = {
		doctype: [{**field, "module": "Ward Setup"} for field in rows]
		for doctype, rows in CUSTOM_FIELDS.items()
	}
	create_custom_fields(fields, ignore_validate=True, update=True)
	ensure_property_setters()


def ensure_property_setters() -> None:
	import frappe

	for doctype, prop, value, property_type in PROPERTY_SETTERS:
		if frappe.db.exists("Property Setter", {"doc_type": doctype, "property": prop, "field_name": None}):
			continue
		frappe.get_doc(
			{
				"doctype": "Property Setter",
				"doctype_or_field": "DocType",
				"doc_type": doctype,
				"property": prop,
				"value": value,
				"property_type": property_type,
				# the app's: uninstalling it deletes the setter
				"module": "Ward Setup",
				"is_system_generated": 1,
			}
		).insert(ignore_permissions=True)
		frappe.clear_cache(doctype=doctype)
