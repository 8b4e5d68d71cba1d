app_name = "ward_admin"
app_title = "Ward Admin"
app_publisher = "ward_admin developers"
app_description = (
	"One-stop shop of a Vietnamese ward: procedures, dossiers and legal deadlines, fees, emulation, reports"
)
app_email = "dev@ward-admin.example"
app_license = "mit"

# the desk's corrections and the dossier search of the awesome bar (public/js/ward_admin.bundle.js);
# the print menus without Frappe's generic format where a doctype has forms of its own
app_include_js = ["ward_admin.bundle.js", "print_formats.bundle.js"]
# the print view opens a record on its own notice (a dossier's: its state's form)
page_js = {"print": "public/js/print_view.js"}
app_include_css = "ward_admin.bundle.css"

required_apps = ["frappe/erpnext"]

export_python_type_annotations = True

# Install, migrate, tests
# -----------------------
after_install = "ward_admin.setup.install.after_install"
after_migrate = "ward_admin.setup.install.after_migrate"
before_tests = "ward_admin.tests.setup.prepare"

# Desk
# ----
add_to_apps_screen = [
	{
		"name": "ward_admin",
		"logo": "/assets/ward_admin/images/logo.svg",
		"title": "Ward Admin",
		"route": "/app/one-stop-shop",
		# not a citizen's: they land on their own dossiers (ward_admin.portal.setup)
		"has_permission": "ward_admin.portal.setup.opens_the_desk_app",
	}
]

# Frappe's Report without its stray prepared-report timer on a failed run (overrides/report.py);
# Frappe's File, private in its bytes when it belongs to a unit-scoped record (overrides/file.py)
override_doctype_class = {
	"Report": "ward_admin.overrides.report.WardReport",
	"File": "ward_admin.overrides.file.WardFile",
}

# Permissions (ward_admin.permissions; the model is docs/permissions.md)
# -----------
# What each rule applies to is declared once, in the four keys below (the app's own hook keys,
# read by ward_admin.permissions.scope.declared); one function per Frappe hook applies them to
# every doctype (permission_query_conditions and has_permission for "*", ward_admin.permissions.
# rules). Adding a doctype to a rule is one line here, and a test fails when a doctype that holds
# a dossier's, a receipt's or a staff member's data is left out (test_unit_isolation.py).

# Records seen only by staff of their unit or a unit above it: {doctype: its Link field to
# Administrative Unit}. The rows of their child tables (read from the doctypes) go with them.
unit_scoped_doctypes = {
	"Dossier": "administrative_unit",
	"Fee Receipt": "administrative_unit",
	# the emulation module's records (ward_admin.emulation)
	"Citizen Rating": "administrative_unit",
	"Emulation Period": "administrative_unit",
	"Emulation Point Entry": "administrative_unit",
	"Staff Period Score": "administrative_unit",
	"Commendation": "administrative_unit",
	"Disciplinary Review": "administrative_unit",
	# the indicators module's rollup and published snapshots (ward_admin.indicators)
	"Service Index Daily": "administrative_unit",
	"Indicator Snapshot": "administrative_unit",
	# what the outbox sends about a unit's dossiers (ward_admin.integrations.outbox)
	"Outbox Message": "administrative_unit",
}

# Frappe's doctypes that point at a record by (doctype, name): {doctype: (the field naming the
# record's doctype, the field naming the record, whether it carries the record's content)}. One
# that points at a unit-scoped record is seen only with that record (and with the right to its
# personal data, when it carries content), and goes when a dossier is deleted.
record_references = {
	"File": ("attached_to_doctype", "attached_to_name", True),
	"Communication": ("reference_doctype", "reference_name", True),
	"Comment": ("reference_doctype", "reference_name", True),
	"Version": ("ref_doctype", "docname", True),
	"ToDo": ("reference_type", "reference_name", False),
	"DocShare": ("share_doctype", "share_name", False),
	"Document Follow": ("ref_doctype", "ref_docname", False),
	"Tag Link": ("document_type", "document_name", False),
	"Notification Log": ("document_type", "document_name", False),
	"Activity Log": ("reference_doctype", "reference_name", False),
	"View Log": ("reference_doctype", "reference_name", False),
	"Energy Point Log": ("reference_doctype", "reference_name", False),
	"Workflow Action": ("reference_doctype", "reference_name", False),
}

# Configuration everyone reads and the owning unit's admins change: {doctype: the Link field
# naming the owner unit, or None when the whole province shares it}.
unit_owned_configuration = {
	"Administrative Unit": "parent_administrative_unit",
	"Working Calendar": "administrative_unit",
	"Receipt Symbol": "administrative_unit",
	"Holiday List": "administrative_unit",
	"Assignment Rule": "administrative_unit",
	"Emulation Rule": "administrative_unit",
	"Dossier Routing": "administrative_unit",
	"Administrative Procedure": None,
	"Procedure Field": None,
	"One-Stop Settings": None,
	"Workflow": None,
	"Workflow State": None,
	"Workflow Action Master": None,
	"Notification": None,
	"Print Format": None,
	# the province's connections to the outside (ward_admin.integrations): also read only by its admins
	"National Portal Settings": None,
	"Outbox Settings": None,
	"Citizen Notification Template": None,
}

# Frappe's desk tools a Ward Admin uses on the app's doctypes (ward_admin.permissions.admin_tools):
# {doctype: the field naming the doctype a record serves, or None for the workflow's masters}
admin_tool_doctypes = {
	"Workflow": "document_type",
	"Workflow State": None,
	"Workflow Action Master": None,
	"Assignment Rule": "document_type",
	"Notification": "document_type",
	"Print Format": "doc_type",
}

# Of the unit-scoped records, these are also personal: staff read only their own, reviewers their
# units' (the emulation module's rule, ward_admin.emulation.permissions, on top of the unit's)
_personal = ("Emulation Point Entry", "Staff Period Score", "Commendation", "Disciplinary Review")
permission_query_conditions = {
	"*": "ward_admin.permissions.rules.query_conditions",
	**{doctype: "ward_admin.emulation.permissions.query_conditions" for doctype in _personal},
}
has_permission = {
	"*": "ward_admin.permissions.rules.has_permission",
	**{doctype: "ward_admin.emulation.permissions.has_permission" for doctype in _personal},
	# the addresses and accounts of the outside systems: the province's admins only
	**{
		doctype: "ward_admin.integrations.permissions.province_only"
		for doctype in ("National Portal Settings", "Outbox Settings")
	},
}

# The Frappe functions the app wraps (ward_admin.framework: the query guard of
# ward_admin.permissions.queries and the Workflow Action shortcut of ward_admin.workflow_actions),
# installed once per process. Frappe has no "app loaded" hook; the start of a request or a
# background job is the earliest point every web and worker process runs.
before_request = ["ward_admin.framework.install"]
before_job = ["ward_admin.framework.install"]
# Deny by default: the route must be open to the request's user (ward_admin.permissions.requests).
# An auth hook, because Frappe runs these once the user is known, API keys included (the
# `before_request` hooks run earlier, when a token-authenticated request is still "Guest").
auth_hooks = ["ward_admin.permissions.requests.guard"]

# Frappe endpoints the desk needs that ignore permissions, replaced by checked ones
_routes = "ward_admin.permissions.routes"
override_whitelisted_methods = {
	"frappe.client.get": f"{_routes}.get",
	"frappe.client.get_count": f"{_routes}.get_count",
	"frappe.client.validate_link": f"{_routes}.validate_link",
	"frappe.desk.search.search_link": f"{_routes}.search_link",
	"frappe.desk.search.search_widget": f"{_routes}.search_widget",
	"frappe.desk.search.get_link_title": f"{_routes}.get_link_title",
	"frappe.desk.listview.get_group_by_count": f"{_routes}.get_group_by_count",
	"frappe.desk.form.utils.get_next": f"{_routes}.get_next",
	"frappe.desk.form.load.getdoc": f"{_routes}.getdoc",
	"frappe.desk.form.load.get_docinfo": f"{_routes}.get_docinfo",
	"frappe.desk.form.load.get_communications": f"{_routes}.get_communications",
	"frappe.desk.like.toggle_like": f"{_routes}.toggle_like",
	"frappe.desk.form.document_follow.update_follow": f"{_routes}.update_follow",
	"frappe.desk.form.document_follow.follow_document": f"{_routes}.follow_document",
	"frappe.desk.form.document_follow.unfollow_document": f"{_routes}.unfollow_document",
	"frappe.desk.form.document_follow.get_follow_users": f"{_routes}.get_follow_users",
	"frappe.desk.doctype.notification_log.notification_log.mark_as_read": f"{_routes}.mark_as_read",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": f"{_routes}.dashboard_chart_get",
	"frappe.desk.doctype.number_card.number_card.get_result": f"{_routes}.number_card_get_result",
	"frappe.desk.doctype.number_card.number_card.get_percentage_difference": (
		f"{_routes}.number_card_get_percentage_difference"
	),
	"frappe.desk.treeview.get_all_nodes": f"{_routes}.get_all_nodes",
	"frappe.realtime.can_subscribe_doctype": f"{_routes}.can_subscribe_doctype",
	"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count": (
		f"{_routes}.get_workflow_state_count"
	),
	"run_doc_method": f"{_routes}.run_doc_method",
	"runserverobj": f"{_routes}.run_doc_method",
}

# Link fields to a dossier find it by code, applicant name or citizen ID (one rule for the list,
# the awesome bar and links: ward_admin.one_stop.doctype.dossier.search)
standard_queries = {"Dossier": "ward_admin.one_stop.doctype.dossier.search.link_query"}

# Documents
# ---------
_validate_owner = "ward_admin.permissions.configuration.validate_owner"
_admin_tool = "ward_admin.permissions.admin_tools.validate"
_routing = "ward_admin.one_stop.doctype.dossier_routing.rule"
doc_events = {
	"*": {
		# an Attach field of a unit-scoped record names a private file (ward_admin.permissions.documents)
		"validate": "ward_admin.permissions.documents.keep_attachments_private",
		# a form of configuration its reader may not change says whose it is (permissions.configuration)
		"onload": "ward_admin.permissions.configuration.onload",
	},
	"Holiday List": {
		"validate": _validate_owner,
		"on_update": "ward_admin.one_stop.recompute.on_calendar_change",
	},
	"Working Calendar": {
		"validate": _validate_owner,
		"on_update": "ward_admin.one_stop.recompute.on_calendar_change",
	},
	"Administrative Unit": {"validate": _validate_owner},
	"Receipt Symbol": {"validate": _validate_owner},
	"Emulation Rule": {"validate": _validate_owner},
	# which staff get a unit's dossiers, and the Assignment Rule made from it (one_stop/doctype/dossier_routing)
	"Dossier Routing": {"validate": _validate_owner},
	# the fees module's part in a dossier's life (ward_admin.fees.dossier_fees)
	"Dossier": {
		"validate": "ward_admin.fees.dossier_fees.check_payment",
		"on_update": [
			# the emulation module credits the points of what the save did (ward_admin.emulation.points)
			"ward_admin.emulation.points.on_dossier_update",
			# the indicators module recounts the Service Index cells it is in (ward_admin.indicators.rollup)
			"ward_admin.indicators.rollup.on_dossier_change",
			# the integrations module queues what the save reports outside, in the save's transaction
			# (ward_admin.integrations.dossier_messages: the national portal's sync, the citizen's messages)
			"ward_admin.integrations.dossier_messages.on_dossier_update",
		],
		"after_delete": "ward_admin.indicators.rollup.after_dossier_delete",
		# a deleted dossier's outbox messages go with it (ward_admin.integrations.dossier_messages)
		"on_trash": "ward_admin.integrations.dossier_messages.on_dossier_trash",
		# after every on_update hook, Frappe's assignment rules included: the dossier's tasks are open
		# for who holds it now (ward_admin.one_stop.worklist)
		"on_change": "ward_admin.one_stop.worklist.on_dossier_change",
	},
	# an online payment counts in the online-payment rate (ward_admin.indicators.rollup)
	"Fee Receipt": {
		"on_submit": "ward_admin.indicators.rollup.on_receipt_change",
		"on_cancel": "ward_admin.indicators.rollup.on_receipt_change",
		"on_update_after_submit": "ward_admin.indicators.rollup.on_receipt_change",
	},
	# ward staff land on their workspace with the one-stop shop's modules (ward_admin.setup.desk)
	"User": {
		"before_validate": "ward_admin.setup.desk.apply_to_user",
		# a citizen ID from the citizens' single sign-on follows the counter's rule (ward_admin.portal.sso)
		"validate": "ward_admin.portal.sso.validate_user_citizen_id",
		# a disabled account is taken off the routings (ward_admin.one_stop.doctype.dossier_routing.rule)
		"on_update": f"{_routing}.on_user_update",
	},
	# a user moved out of a unit is taken off its routings
	"User Permission": {
		"on_update": f"{_routing}.on_user_permission_change",
		"after_delete": f"{_routing}.on_user_permission_change",
	},
	"Employee": {
		"on_update": "ward_admin.emulation.points.clear_caches",
		"on_trash": "ward_admin.emulation.points.clear_caches",
	},
	"Administrative Procedure": {
		"validate": _validate_owner,
		# routings by procedure cover its new versions
		"after_insert": f"{_routing}.on_new_procedure_version",
	},
	"Procedure Field": {"validate": _validate_owner},
	"One-Stop Settings": {"validate": _validate_owner},
	"Workflow": {
		"validate": [
			_validate_owner,
			_admin_tool,
			"ward_admin.one_stop.doctype.dossier.states.validate_workflow",
		]
	},
	"Workflow State": {
		"validate": [_validate_owner, _admin_tool],
		"after_rename": "ward_admin.one_stop.doctype.dossier.states.on_state_renamed",
	},
	"Workflow Action Master": {"validate": [_validate_owner, _admin_tool]},
	"Notification": {"validate": [_validate_owner, _admin_tool]},
	"Print Format": {"validate": [_validate_owner, _admin_tool]},
	"Assignment Rule": {
		"validate": [
			# a rule made from a Dossier Routing changes only with it
			f"{_routing}.protect_generated_rule",
			_validate_owner,
			_admin_tool,
			"ward_admin.overrides.assignment_rule.validate",
		],
		"on_trash": f"{_routing}.protect_generated_rule",
	},
	"DocShare": {"validate": "ward_admin.permissions.documents.validate_share"},
	"ToDo": {
		"validate": "ward_admin.permissions.documents.validate_assignment",
		"before_insert": "ward_admin.one_stop.assignments.describe_todo",
	},
	"Document Follow": {"validate": "ward_admin.permissions.documents.validate_follow"},
	"File": {"validate": "ward_admin.permissions.documents.protect_file"},
	"Tag Link": {"before_insert": "ward_admin.permissions.documents.title_tag"},
	# a citizens' sign-in provider left without a Redirect URL gets the app's callback (portal.sso)
	"Social Login Key": {"before_validate": "ward_admin.portal.sso.default_redirect_url"},
}

# Scheduler
# ---------
scheduler_events = {
	"cron": {
		"*/15 * * * *": ["ward_admin.one_stop.alerts.scan"],
		# after office hours: a point entry for each working day a dossier stays overdue
		"30 17 * * *": ["ward_admin.emulation.points.scheduled_overdue"],
		# the outbox sends what is due: e-mail, SMS, the national portal's sync (ward_admin.integrations)
		"* * * * *": ["ward_admin.integrations.outbox.deliver"],
	},
	# a backup that restores (database, files, encryption key) into the site's ward_backup_folder
	"daily_long": ["ward_admin.backups.daily"],
}

# Printing
# --------
# helpers of the dossier print formats (one_stop/print_format), callable from Jinja
jinja = {
	"methods": [
		"ward_admin.printing.html_text",
		"ward_admin.printing.qr_code_svg",
		"ward_admin.printing.format_vnd",
		"ward_admin.printing.vn_date",
		"ward_admin.printing.vn_datetime",
		"ward_admin.printing.vn_time_words",
		"ward_admin.printing.vn_date_line",
		"ward_admin.one_stop.doctype.dossier.printing.dossier_print_context",
		"ward_admin.fees.doctype.fee_receipt.printing.receipt_print_context",
		"ward_admin.fees.dossier_fees.fee_payment_link",
		# form 01's QR code opens the portal's lookup of the dossier (code and secret in the address)
		"ward_admin.portal.lookup.lookup_link",
		"ward_admin.emulation.doctype.emulation_period.printing.period_print_context",
	]
}

# Web
# ---
# the site's front door is the citizens' portal (ward_admin.portal, www/trang_chu); a citizen
# lands on their own dossiers; staff reach the desk at /app and /login as before
home_page = "trang-chu"
role_home_page = {"Citizen": "ho-so-cua-toi"}
# /login's button of the citizens' single sign-on (VNeID) starts the app's sign-in, whose state is
# bound to the browser (ward_admin.portal.sso)
update_website_context = ["ward_admin.portal.sso.login_page_context"]
# a citizen half-way through that sign-in keeps its state, and the portal's rate limits (lookup,
# rating, result check, sign-in) their counts, when
# the site's cache is cleared
persistent_cache_keys = ["ward_admin:sso-state:*", "ward_admin:portal-*"]
# the e-receipt's public verification page (the QR code on every receipt opens it), and the
# portal's pages under their Vietnamese addresses (www/<name>.html)
website_route_rules = [
	{"from_route": "/bien-lai/<token>", "to_route": "bien_lai"},
	{"from_route": "/ket-qua/<token>", "to_route": "ket_qua"},
	{"from_route": "/trang-chu", "to_route": "trang_chu"},
	{"from_route": "/tra-cuu", "to_route": "tra_cuu"},
	{"from_route": "/dich-vu-cong", "to_route": "dich_vu_cong"},
	{"from_route": "/nop-ho-so", "to_route": "nop_ho_so"},
	{"from_route": "/ho-so-cua-toi", "to_route": "ho_so_cua_toi"},
	{"from_route": "/danh-gia", "to_route": "danh_gia"},
	{"from_route": "/thanh-toan", "to_route": "thanh_toan"},
]
# pages without an icon of their own (the print view, the receipt check) ask the browser's default
# address: the app's mark, not a 404; Frappe's and ERPNext's placeholder pages (an English "about
# us", a shop, appointments) lead to the portal's home instead
website_redirects = [
	{"source": "/favicon.ico", "target": "/assets/ward_admin/images/logo.svg"},
	*(
		{"source": source, "target": "/"}
		for source in (
			"/about",
			"/contact",
			"/all-products",
			"/shop-by-category",
			"/book-appointment",
			"/book_appointment",
			"/support",
			"/lms",
			"/blog",
			"/payment_setup_certification",
		)
	),
]

# Forms of other modules' doctypes
# --------------------------------
# the fees module adds its part to the Dossier form: the fee collected and a "Collect Fee" button
doctype_js = {
	"Dossier": "fees/dossier_fees.js",
	# the Dossier workflow's form: what the shared workflow is, and its builder for the province
	"Workflow": "one_stop/doctype/dossier/dossier_workflow.js",
	# the leader's Approve / Reject on the emulation module's proposals
	"Commendation": "emulation/decisions.js",
	"Disciplinary Review": "emulation/decisions.js",
	# a rule made from a Dossier Routing reads as such, and is not edited by hand
	"Assignment Rule": "one_stop/doctype/dossier_routing/assignment_rule.js",
}
override_doctype_dashboards = {"Dossier": "ward_admin.fees.dossier_fees.dashboard"}
