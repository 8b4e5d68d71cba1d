frappe.query_reports["Fee Reconciliation"] = {
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
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (data && data.difference && ["difference", "result"].includes(column.fieldname)) {
			value = `<span class="text-danger">${value}</span>`;
		}
		return value;
	},
};
