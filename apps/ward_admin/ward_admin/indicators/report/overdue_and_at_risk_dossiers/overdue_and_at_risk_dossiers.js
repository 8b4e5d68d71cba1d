// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue and At-Risk Dossiers"] = {
	filters: [
		ward_admin.report_filters.own_unit(),
		ward_admin.report_filters.procedure_field(),
		{ fieldname: "show_on_track", label: __("Show Dossiers on Track"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "risk" && data?.risk_key) {
			const colour = { Overdue: "red", "At Risk": "orange", "On Track": "green" }[data.risk_key];
			value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
