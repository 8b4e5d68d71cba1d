// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Dossiers to Sign"] = {
	filters: [
		{
			fieldname: "administrative_unit",
			label: __("Administrative Unit"),
			fieldtype: "Link",
			options: "Administrative Unit",
		},
		{
			fieldname: "procedure_field",
			label: __("Procedure Field"),
			fieldtype: "Link",
			options: "Procedure Field",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "due_at" && data && data.overdue) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
