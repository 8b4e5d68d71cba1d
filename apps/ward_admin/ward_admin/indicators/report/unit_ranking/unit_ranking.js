// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Unit Ranking"] = {
	filters: [
		ward_admin.report_filters.unit({ description: __("The units under it are ranked; empty: your province") }),
		...ward_admin.report_filters.period(),
		ward_admin.report_filters.procedure_field(),
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		// drill-down: the unit's Service Index for the same period (a ward: its procedure fields)
		if (column.fieldname === "unit_name" && data?.administrative_unit) {
			const filters = frappe.query_report.get_filter_values();
			const query = new URLSearchParams({
				administrative_unit: data.administrative_unit,
				from_date: filters.from_date,
				to_date: filters.to_date,
				group_by: "Procedure Field",
			});
			value = `<a href="/app/query-report/Service Index?${query}">${value}</a>`;
		}
		if (column.fieldname === "rank_change" && data?.rank_change) {
			const up = data.rank_change > 0;
			value = `<span class="indicator-pill ${up ? "green" : "red"}">${up ? "▲" : "▼"} ${Math.abs(data.rank_change)}</span>`;
		}
		return value;
	},
};
