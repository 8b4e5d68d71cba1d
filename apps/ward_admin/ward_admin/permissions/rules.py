"""The app's one `permission_query_conditions` and one `has_permission`, for every doctype.

hooks.py registers both for "*" and declares, in its own keys, what each rule applies to
(`ward_admin.permissions.scope.declared`). Here a doctype is matched to its rules:

| declared in | list condition | one record |
|---|---|---|
| `unit_scoped_doctypes` | its unit is the reader's (`records`) | the same, on the stored record too |
| a child table of one of those | its record's unit is the reader's | (rows come with their record) |
| `record_references` | it points at a record the reader may reach | the same; File also `documents` |
| `unit_owned_configuration` | (everyone reads configuration) | a change needs the owner unit's admin (`configuration`) |
| `admin_tool_doctypes` | a Ward Admin's list holds the app's own (`admin_tools`) | a change keeps to the app's doctypes; a Ward Admin opens only the app's (`admin_tools`) |

A doctype declared nowhere gets no condition and no say. Each `has_permission` rule can only
deny; a record is refused when any rule that applies refuses it.
"""

from ward_admin.permissions import admin_tools, configuration, documents, records
from ward_admin.permissions.scope import declared, references, scoped_parent, unit_scoped_doctypes


def query_conditions(user: str | None = None, doctype: str | None = None, **kwargs) -> str:
	"""`permission_query_conditions` of "*"."""
	if doctype in unit_scoped_doctypes() or scoped_parent(doctype):
		return records.query_conditions(user, doctype)
	if doctype in references():
		return records.reference_query_conditions(user, doctype)
	if doctype in declared("admin_tool_doctypes"):
		return admin_tools.query_conditions(user, doctype)
	return ""


def has_permission(doc, ptype: str | None = None, user: str | None = None, **kwargs) -> bool | None:
	"""`has_permission` of "*": False when a rule declared for the doctype refuses, else None."""
	for rule in rules_of(doc.doctype):
		if rule(doc, ptype, user) is False:
			return False
	return None


def rules_of(doctype: str) -> list:
	rules = []
	if doctype in unit_scoped_doctypes():
		rules.append(records.has_permission)
	if doctype == "File":
		rules.append(documents.file_has_permission)  # its references' rule and its copies'
	elif doctype in references():
		rules.append(records.reference_has_permission)
	if doctype in declared("unit_owned_configuration"):
		rules.append(configuration.has_permission)
	if doctype in declared("admin_tool_doctypes"):
		rules.append(admin_tools.has_permission)
	return rules
