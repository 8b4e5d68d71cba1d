"""Who may see and change what: ward isolation and citizens' personal data on every route.

The model is docs/permissions.md, the threat model the README's "Security". In short, every
layer below is a Frappe mechanism, and each closes a class of routes rather than one endpoint:

- `scope`: what the rules apply to (hooks.py's declaring keys: `unit_scoped_doctypes`,
  `record_references`, `unit_owned_configuration`, `admin_tool_doctypes`), a user's units (User
  Permission on Administrative Unit, with the unit tree's descendants), operators, and the
  personal-data (permlevel) rules.
- `rules`: the one `permission_query_conditions` and `has_permission` of every doctype, which
  applies to each the rules it is declared for.
- `records`: the rules of the doctypes that hold or point at dossier data (hooks.py
  `unit_scoped_doctypes`), their child tables and Frappe's own side doctypes (File, Notification
  Log, shares, assignments, follows, tags: `record_references`).
- `configuration`: shared configuration is written by the admins of the unit that owns it
  (the province for what every ward shares), modelled on the unit tree.
- `queries`: no database query run for a user may name a personal-data column that user
  cannot read, whatever route built it (filters, sort, group, field expressions).
- `requests`: deny by default (an `auth_hooks` entry, run once the request's user is known). A
  user who is not a site operator reaches only the RPC methods and REST routes the desk and the
  app need (`allowlist`: data only); the rest answer 403. The value checks of a call are
  `ward_admin.arguments`'s.
- `documents`: doc_events that keep shares, assignments, follows, files and tags of a dossier
  inside its unit.
- `routes`: Frappe endpoints that are allowed but ignore permissions are replaced
  (hooks.py `override_whitelisted_methods`).
"""
