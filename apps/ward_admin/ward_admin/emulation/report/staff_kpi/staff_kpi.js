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
		// the staff member and the figure a drill-down opens (a click on a figure sets them; a Link to
		// User would be emptied for readers who may not open users)
		{ fieldname: "user", label: __("User"), fieldtype: "Data", hidden: 1 },
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
			return `<a class="ward-kpi-drill" data-user="${encodeURIComponent(data.user)}"
				data-show="${column.fieldname}">${shown}</a>`;
		}
		return shown;
	},
	onload(report) {
		// the drill-down is the same report filtered on a staff member and a figure
		$(report.page.wrapper).on("click", ".ward-kpi-drill", (event) => {
			event.preventDefault();
			const { user, show } = event.currentTarget.dataset;
			drill(report, decodeURIComponent(user), show);
		});
		if (frappe.route_options?.show || report.get_filter_value("show")) show_back_button(report);
	},
};

const BACK = () => __("Back to Summary");

function drill(report, user, show) {
	// a figure needs its staff member: the member is set before the figure, and the figure cleared
	// before the member (the report refuses a figure without a member)
	const steps = show
		? [() => report.set_filter_value("user", user), () => report.set_filter_value("show", show)]
		: [() => report.set_filter_value("show", ""), () => report.set_filter_value("user", "")];
	steps.reduce((done, step) => done.then(step), Promise.resolve());
	if (show) {
		show_back_button(report);
	} else {
		report.page.remove_inner_button(BACK());
	}
}

function show_back_button(report) {
	report.page.remove_inner_button(BACK());
	report.page.add_inner_button(BACK(), () => drill(report, "", ""));
}
