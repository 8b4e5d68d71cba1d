// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Overdue and At-Risk Dossiers"] = {
	filters: [
		{
			fieldname: "administrative_unit",
			label: __("Administrative Unit"),
			fieldtype: "Link",
			options: "Administrative Unit",
			default: frappe.defaults.get_user_default("Administrative Unit"),
		},
		{ fieldname: "procedure_field", label: __("Procedure Field"), fieldtype: "Link", options: "Procedure Field" },
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
