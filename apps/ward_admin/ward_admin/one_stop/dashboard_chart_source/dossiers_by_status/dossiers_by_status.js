frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Dossiers by Status"] = {
	method: "ward_admin.one_stop.dashboard_chart_source.dossiers_by_status.dossiers_by_status.get",
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
};
