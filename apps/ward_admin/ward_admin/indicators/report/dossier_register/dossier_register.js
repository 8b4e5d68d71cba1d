// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Dossier Register"] = {
	filters: [
		ward_admin.report_filters.own_unit(),
		...ward_admin.report_filters.period(),
		ward_admin.report_filters.procedure_field(),
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
