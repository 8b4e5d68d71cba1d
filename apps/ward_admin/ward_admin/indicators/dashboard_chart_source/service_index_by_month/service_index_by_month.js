frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Service Index by Month"] = {
	method: "ward_admin.indicators.dashboard_chart_source.service_index_by_month.service_index_by_month.get",
	filters: [],
};
