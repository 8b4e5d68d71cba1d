app_name = "ward_admin"
app_title = "Ward Admin"
app_publisher = "ward_admin developers"
app_description = (
	"One-stop shop of a Vietnamese ward: procedures, dossiers and legal deadlines, fees, emulation, reports"
)
app_email = "dev@ward-admin.example"
app_license = "mit"

required_apps = ["frappe/erpnext"]

export_python_type_annotations = True

# Install, migrate, tests
# -----------------------
after_install = "ward_admin.setup.install.after_install"
after_migrate = "ward_admin.setup.install.after_migrate"
before_uninstall = "ward_admin.setup.install.before_uninstall"
before_tests = "ward_admin.tests.setup.prepare"

# Desk
# ----
add_to_apps_screen = [
	{
		"name": "ward_admin",
		"logo": "/assets/ward_admin/images/logo.svg",
		"title": "Ward Admin",
		"route": "/app/one-stop-shop",
	}
]

# Documents
# ---------
doc_events = {
	"Holiday List": {"on_update": "ward_admin.dossiers.on_calendar_change"},
	"Working Calendar": {"on_update": "ward_admin.dossiers.on_calendar_change"},
}

# Scheduler
# ---------
scheduler_events = {
	"cron": {
		"*/15 * * * *": ["ward_admin.dossier_alerts.scan"],
	},
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
		"ward_admin.printing.dossier_print_context",
	]
}
