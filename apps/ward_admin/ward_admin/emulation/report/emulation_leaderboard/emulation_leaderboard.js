// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Emulation Leaderboard"] = {
	filters: [
		{
			fieldname: "emulation_period",
			label: __("Emulation Period"),
			fieldtype: "Link",
			options: "Emulation Period",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "rating_label" && data && data.rating_level) {
			const colour = {
				Excellent: "green",
				Good: "blue",
				Complete: "orange",
				"Not Complete": "red",
			}[data.rating_level];
			value = `<span class="indicator-pill ${colour}">${value}</span>`;
		}
		return value;
	},
};
