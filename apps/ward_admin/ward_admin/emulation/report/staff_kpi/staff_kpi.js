// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Staff KPI"] = {
	filters: [
		{
			fieldname: "administrative_unit",
			label: __("Administrative Unit"),
			fieldtype: "Link",
			options: "Administrative Unit",
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.month_end(),
			reqd: 1,
		},
		{ fieldname: "user", label: __("User"), fieldtype: "Link", options: "User" },
		{
			fieldname: "show",
			label: __("Show"),
			fieldtype: "Data",
			hidden: 1,
		},
	],
	formatter(value, row, column, data, default_formatter) {
		const shown = default_formatter(value, row, column, data);
		// each figure the server marks `drill` opens the dossiers or point entries behind it
		if (data && data.user && column.drill && value) {
			const filters = frappe.query_report.get_filter_values();
			const params = new URLSearchParams({
				administrative_unit: filters.administrative_unit || "",
				from_date: filters.from_date,
				to_date: filters.to_date,
				user: data.user,
				show: column.fieldname,
			});
			return `<a href="/app/query-report/Staff KPI?${params}">${shown}</a>`;
		}
		return shown;
	},
};
