// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Service Index"] = {
	filters: [
		{
			fieldname: "administrative_unit",
			label: __("Administrative Unit"),
			fieldtype: "Link",
			options: "Administrative Unit",
			description: __("The units under it are ranked; empty: your province"),
		},
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.year_start(),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
			reqd: 1,
		},
		{
			fieldname: "procedure_field",
			label: __("Procedure Field"),
			fieldtype: "Link",
			options: "Procedure Field",
		},
		{
			fieldname: "snapshot",
			label: __("Indicator Snapshot"),
			fieldtype: "Link",
			options: "Indicator Snapshot",
			get_query: () => ({ filters: { docstatus: 1 } }),
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		// a unit's dossiers of the period, one click away (province -> ward -> dossier list)
		if (column.fieldname === "received" && data?.administrative_unit && data.received) {
			const filters = frappe.query_report.get_filter_values();
			const route = `/app/dossier?administrative_unit=${encodeURIComponent(data.administrative_unit)}`
				+ `&received_at=${encodeURIComponent(JSON.stringify(["Between", [filters.from_date, filters.to_date]]))}`;
			value = `<a href="${route}">${value}</a>`;
		}
		return value;
	},
};
