// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Processing Time by Procedure"] = {
	filters: [
		ward_admin.report_filters.own_unit(),
		...ward_admin.report_filters.period(),
		ward_admin.report_filters.procedure_field(),
	],
};
