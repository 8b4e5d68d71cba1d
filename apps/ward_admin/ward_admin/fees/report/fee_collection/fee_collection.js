frappe.query_reports["Fee Collection"] = {
	filters: [
		{
			fieldname: "administrative_unit",
			label: __("Administrative Unit"),
			fieldtype: "Link",
			options: "Administrative Unit",
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{
			fieldname: "payment_channel",
			label: __("Payment Channel"),
			fieldtype: "Select",
			options: ["", "Cash", "Bank Transfer", "Online"].map((value) => ({ value, label: __(value) })),
		},
		{ fieldname: "issued_by", label: __("Collected By"), fieldtype: "Link", options: "User" },
	],
};
