// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Dossier Register"] = {
	filters: [
		{
			fieldname: "administrative_unit",
			label: __("Administrative Unit"),
			fieldtype: "Link",
			options: "Administrative Unit",
			default: frappe.defaults.get_user_default("Administrative Unit"),
		},
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: frappe.datetime.month_start(), reqd: 1 },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{ fieldname: "procedure_field", label: __("Procedure Field"), fieldtype: "Link", options: "Procedure Field" },
	],
	onload(report) {
		// the A4 form 07 with the unit's header, as a PDF (the report's own lines)
		report.page.add_inner_button(__("Print Register (Form 07)"), () => {
			const filters = JSON.stringify(report.get_filter_values(true));
			window.open(
				"/api/method/ward_admin.indicators.report.dossier_register.register_print.download?"
					+ new URLSearchParams({ filters })
			);
		});
	},
};
