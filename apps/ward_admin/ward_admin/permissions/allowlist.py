"""The allow-list of the request guard (`ward_admin.permissions.requests`): what users who are not
site operators may call, and how the guard reads a request's parameters.

Data only. An entry is a review: a method joins `ALLOWED_METHODS` once it is safe with the
app's permission hooks and query guard, or replaced in `ward_admin.permissions.routes`.
"""

# Methods of Frappe and ERPNext that logged-in users who are not site operators may call. Each
# one is safe with this app's permission hooks and query guard, or replaced in
# `ward_admin.permissions.routes` (marked "replaced").
ALLOWED_METHODS = frozenset(
	{
		# session and desk shell (the user's own data)
		"login",
		"ping",
		"logout",
		"frappe.auth.get_logged_user",
		"frappe.realtime.get_user_info",
		"frappe.realtime.can_subscribe_doc",
		"frappe.realtime.can_subscribe_doctype",  # replaced
		"frappe.desk.desktop.get_workspace_sidebar_items",
		"frappe.desk.desktop.get_desktop_page",
		"frappe.desk.desk_page.getpage",
		"frappe.desk.doctype.route_history.route_history.deferred_insert",
		"frappe.desk.doctype.route_history.route_history.frequently_visited_links",
		"frappe.desk.notifications.get_notification_info",
		"frappe.desk.doctype.notification_log.notification_log.get_notification_logs",
		"frappe.desk.doctype.notification_log.notification_log.mark_all_as_read",
		"frappe.desk.doctype.notification_log.notification_log.mark_as_read",  # replaced
		"frappe.desk.doctype.notification_log.notification_log.trigger_indicator_hide",
		"frappe.desk.doctype.notification_settings.notification_settings.set_seen_value",
		"frappe.desk.doctype.event.event.get_events",
		"frappe.desk.doctype.dashboard_settings.dashboard_settings.create_dashboard_settings",
		"frappe.desk.doctype.dashboard_settings.dashboard_settings.save_chart_config",
		"frappe.desk.doctype.form_tour.form_tour.update_user_status",
		"frappe.desk.search.get_names_for_mentions",
		"frappe.desk.doctype.tag.tag.get_tags_list_for_awesomebar",
		"frappe.utils.global_search.search",
		"frappe.utils.change_log.show_update_popup",
		"frappe.utils.change_log.update_last_known_versions",
		"frappe.core.doctype.user.user.switch_theme",
		"frappe.core.doctype.user.user.test_password_strength",
		"frappe.core.doctype.user.user.update_password",
		"frappe.core.doctype.user.user.verify_password",
		"frappe.core.doctype.session_default_settings.session_default_settings.get_session_default_values",
		"frappe.core.doctype.session_default_settings.session_default_settings.set_session_default_values",
		"frappe.client.get_time_zone",
		"frappe.core.api.file.get_max_file_size",
		"erpnext.accounts.utils.get_fiscal_year",  # the desk asks on every page; fiscal years only
		# lists, report view, saved reports, charts and cards
		"frappe.desk.reportview.get",
		"frappe.desk.reportview.get_list",
		"frappe.desk.reportview.get_count",
		"frappe.desk.reportview.get_sidebar_stats",
		"frappe.desk.reportview.get_stats",
		"frappe.desk.reportview.get_filter_dashboard_data",
		"frappe.desk.reportview.export_query",
		"frappe.desk.reportview.save_report",
		"frappe.desk.reportview.delete_report",
		"frappe.desk.listview.get_list_settings",
		"frappe.desk.listview.get_group_by_count",  # replaced
		"frappe.desk.doctype.list_view_settings.list_view_settings.get_default_listview_fields",
		"frappe.model.utils.user_settings.get",
		"frappe.model.utils.user_settings.save",
		"frappe.desk.query_report.get_script",
		"frappe.desk.query_report.run",
		"frappe.desk.query_report.export_query",
		"frappe.desk.doctype.dashboard_chart.dashboard_chart.get",  # replaced
		"frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source.get_config",
		"frappe.desk.doctype.number_card.number_card.get_result",  # replaced
		"frappe.desk.doctype.number_card.number_card.get_percentage_difference",  # replaced
		# forms
		"frappe.desk.form.load.getdoctype",
		"frappe.desk.form.load.getdoc",  # replaced
		"frappe.desk.form.load.get_docinfo",  # replaced
		"frappe.desk.form.load.get_communications",  # replaced
		"frappe.desk.form.load.get_user_info_for_viewers",
		"frappe.desk.form.save.savedocs",
		"frappe.desk.form.save.cancel",
		"frappe.desk.form.utils.add_comment",
		"frappe.desk.form.utils.update_comment",
		"frappe.desk.form.utils.remove_attach",
		"frappe.desk.form.utils.get_next",  # replaced
		"frappe.desk.form.assign_to.add",
		"frappe.desk.form.assign_to.add_multiple",
		"frappe.desk.form.assign_to.remove",
		"frappe.desk.form.assign_to.remove_multiple",
		"frappe.desk.form.assign_to.close",
		"frappe.desk.form.document_follow.update_follow",  # replaced
		"frappe.desk.form.document_follow.follow_document",  # replaced
		"frappe.desk.form.document_follow.unfollow_document",  # replaced
		"frappe.desk.form.document_follow.get_follow_users",  # replaced
		"frappe.share.add",
		"frappe.share.set_permission",
		"frappe.share.get_users",
		"frappe.desk.doctype.tag.tag.add_tag",
		"frappe.desk.doctype.tag.tag.add_tags",
		"frappe.desk.doctype.tag.tag.remove_tag",
		"frappe.desk.doctype.tag.tag.get_tags",
		"frappe.desk.like.toggle_like",  # replaced
		"frappe.desk.link_preview.get_preview_data",
		"frappe.desk.search.search_link",  # replaced
		"frappe.desk.search.search_widget",  # replaced
		"frappe.desk.search.get_link_title",  # replaced
		"frappe.desk.notifications.get_open_count",
		"frappe.desk.form.linked_with.get",
		# the admin tools (ward_admin.permissions.admin_tools keeps them to the app's doctypes)
		"frappe.workflow.doctype.workflow.workflow.get_workflow_state_count",  # replaced
		"frappe.printing.page.print_format_builder.print_format_builder.create_custom_format",
		"frappe.printing.page.print_format_builder_beta.print_format_builder_beta.get_google_fonts",
		"frappe.model.workflow.get_transitions",
		"frappe.model.workflow.apply_workflow",
		"frappe.model.workflow.can_cancel_document",
		"frappe.model.workflow.get_common_transition_actions",
		"frappe.model.workflow.bulk_workflow_approval",
		"frappe.desk.treeview.get_all_nodes",  # replaced
		"frappe.desk.treeview.get_children",
		"frappe.desk.treeview.add_node",
		"run_doc_method",  # replaced
		"runserverobj",  # replaced
		"upload_file",
		"frappe.core.api.file.get_files_in_folder",
		"frappe.core.api.file.get_files_by_search_text",
		"frappe.core.api.file.get_attached_images",
		"frappe.client.get",
		"frappe.client.get_value",
		"frappe.client.get_list",
		"frappe.client.get_count",  # replaced
		"frappe.client.get_single_value",
		"frappe.client.set_value",
		"frappe.client.insert",
		"frappe.client.insert_many",
		"frappe.client.save",
		"frappe.client.delete",
		"frappe.client.has_permission",
		"frappe.client.is_document_amended",
		"frappe.client.validate_link",  # replaced
		# printing
		"frappe.www.printview.get_html_and_style",
		"frappe.www.printview.get_rendered_raw_commands",
		"frappe.printing.page.print.print.get_print_settings_to_show",
		"frappe.utils.print_format.download_pdf",
		"frappe.utils.print_format.download_multi_pdf",
		"frappe.utils.print_format.report_to_pdf",
	}
)

# What a visitor who is not logged in may call (the login page and password reset).
GUEST_METHODS = frozenset(
	{
		"login",
		"logout",
		"ping",
		"frappe.realtime.get_user_info",
		"frappe.realtime.can_subscribe_doc",
		"frappe.realtime.can_subscribe_doctype",
		"frappe.client.get_time_zone",
		"frappe.core.api.file.get_max_file_size",
		"frappe.core.doctype.user.user.reset_password",
		"frappe.core.doctype.user.user.update_password",
		"frappe.core.doctype.user.user.test_password_strength",
		"frappe.www.login.login_via_key",
		# the payment gateway (signed, rate-limited: ward_admin.api.payments)
		"ward_admin.api.payments.callback",
		# the citizens' portal: a dossier by its code and secret (rate-limited, no personal data:
		# ward_admin.api.portal)
		"ward_admin.api.portal.lookup",
		"ward_admin.api.portal.rate",
		# a citizen opens an account with an e-mail address (Frappe's sign-up: the welcome e-mail's
		# link proves the address; rate-limited below, Frappe itself only caps the whole site)
		"frappe.core.doctype.user.user.sign_up",
		# the citizens' single sign-on (VNeID): start and callback (rate-limited, the state bound to
		# the browser: ward_admin.api.sso). Frappe's own social-login callbacks stay closed.
		"ward_admin.api.sso.login",
		"ward_admin.api.sso.callback",
	}
)

# Allowed methods that may name child rows of a unit-scoped doctype: they list rows through
# Frappe's query builder, where the child tables' permission query conditions apply.
CHILD_LIST_METHODS = frozenset(
	{
		"frappe.desk.reportview.get",
		"frappe.desk.reportview.get_list",
		"frappe.desk.reportview.get_count",
		"frappe.client.get_list",
		"frappe.client.get_value",
		"frappe.client.get_count",
	}
)

PRINT_METHODS = frozenset(
	{
		"frappe.www.printview.get_html_and_style",
		"frappe.www.printview.get_rendered_raw_commands",
		"frappe.utils.print_format.download_pdf",
		"frappe.utils.print_format.download_multi_pdf",
	}
)

DOC_METHOD_METHODS = frozenset({"run_doc_method", "runserverobj"})
# methods that take a whole document from the client: {method: its document parameters}
DOCUMENT_METHODS = {
	"frappe.client.insert": ("doc",),
	"frappe.client.insert_many": ("docs",),
	"frappe.client.save": ("doc",),
	"frappe.desk.form.save.savedocs": ("doc",),
	"frappe.model.workflow.apply_workflow": ("doc",),
	"run_doc_method": ("docs",),
	"runserverobj": ("docs",),
}
# Methods that annotate a record (comments, likes, tags, assignments, shares): on a unit-scoped
# record they need the right to change it, so the read-only roles change nothing.
# {method: (parameter naming the doctype, parameter naming the record or records)}
ANNOTATION_METHODS = {
	"frappe.desk.form.utils.add_comment": ("reference_doctype", "reference_name"),
	"frappe.desk.like.toggle_like": ("doctype", "name"),
	"frappe.desk.doctype.tag.tag.add_tag": ("dt", "dn"),
	"frappe.desk.doctype.tag.tag.remove_tag": ("dt", "dn"),
	"frappe.desk.doctype.tag.tag.add_tags": ("dt", "docs"),
	"frappe.desk.form.assign_to.add": ("doctype", "name"),
	"frappe.desk.form.assign_to.add_multiple": ("doctype", "name"),
	"frappe.desk.form.assign_to.remove": ("doctype", "name"),
	"frappe.desk.form.assign_to.remove_multiple": ("doctype", "names"),
	"frappe.desk.form.assign_to.close": ("doctype", "name"),
	"frappe.share.add": ("doctype", "name"),
	"frappe.share.set_permission": ("doctype", "name"),
}
# Guest methods that Frappe does not rate-limit per address: {method: (calls, seconds)} from one
# address, past which the guard answers 429.
GUEST_RATE_LIMITS = {
	"frappe.core.doctype.user.user.sign_up": (5, 600),
}
STRIPPED_PARAMS = ("ignore_permissions", "ignore_user_permissions", "debug")
# parameters that may name a doctype the request reads
DOCTYPE_PARAMS = ("doctype", "dt", "reference_doctype", "ref_doctype", "parent_doctype", "document_type")
DOCUMENT_PARAMS = ("doc", "docs", "document")
NAME_PARAMS = ("name", "dn", "docname", "doc_name", "value", "names", "docnames")

# What some allowed methods of Frappe take for granted about their parameters, and answer with a
# server error when a client sends anything else: {method: {parameter: kind}}, checked before
# the call (`ward_admin.arguments.check_shapes`, which says what each kind means) so that a
# malformed call answers 4xx.
ARGUMENT_SHAPES = {
	"frappe.client.insert_many": {"docs": "rows"},
	"frappe.desk.form.load.get_docinfo": {"doc": "omitted"},
	"frappe.desk.form.save.savedocs": {"doc": "object", "action": ("Save", "Submit", "Update", "Cancel")},
	"frappe.desk.query_report.export_query": {"report_name": "report"},
	"frappe.desk.reportview.export_query": {"file_format_type": "present"},
	"frappe.desk.reportview.get_stats": {"stats": "list", "filters": "list"},
	"frappe.desk.reportview.get_sidebar_stats": {"stats": "list", "filters": "list"},
	"frappe.desk.reportview.get_filter_dashboard_data": {"stats": "rows", "filters": "list"},
	"frappe.desk.treeview.add_node": {"doctype": "tree", "is_root": "present"},
	"frappe.desk.treeview.get_children": {"doctype": "tree"},
	"frappe.model.workflow.get_common_transition_actions": {"docs": "rows"},
	"frappe.utils.print_format.download_multi_pdf": {"name": "list"},
	"frappe.utils.print_format.download_pdf": {"doc": "omitted"},
	"frappe.www.printview.get_html_and_style": {"doc": "document"},
	"frappe.www.printview.get_rendered_raw_commands": {"doc": "document"},
}
