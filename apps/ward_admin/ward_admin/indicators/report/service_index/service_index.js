// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.query_reports["Service Index"] = {
	filters: [
		ward_admin.report_filters.unit({ description: __("The units under it are ranked; empty: your province") }),
		...ward_admin.report_filters.period(frappe.datetime.year_start()),
		ward_admin.report_filters.procedure_field(),
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "Unit", label: __("By Unit") },
				{ value: "Procedure Field", label: __("By Procedure Field") },
			],
			default: "Unit",
		},
		{
			fieldname: "snapshot",
			label: __("Indicator Snapshot"),
			fieldtype: "Link",
			options: "Indicator Snapshot",
			get_query: () => ({ filters: { docstatus: 1 } }),
		},
	],
	onload(report) {
		// drill-down: a unit's name re-runs the report for it by procedure field. The
		// unit's title is registered first: Frappe's Link filter fetches it otherwise, and reads
		// its value back empty while it waits, so the report would not re-run
		report.page.wrapper.on("click", "a[data-drill-unit]", (event) => {
			event.preventDefault();
			const { drillUnit, drillTitle } = event.currentTarget.dataset;
			frappe.utils.add_link_title("Administrative Unit", drillUnit, drillTitle || drillUnit);
			report.set_filter_value({ group_by: "Procedure Field", administrative_unit: drillUnit });
		});
		report.page.add_inner_button(__("Back to the Province"), () =>
			report.set_filter_value({ procedure_field: "", group_by: "Unit", administrative_unit: "" })
		);
	},
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		const filters = frappe.query_report.get_filter_values();
		if (
			column.fieldname === "unit_name" &&
			data?.administrative_unit &&
			!filters.snapshot &&
			data.administrative_unit !== filters.administrative_unit
		) {
			const unit = frappe.utils.escape_html(data.administrative_unit);
			const title = frappe.utils.escape_html(data.unit_name || data.administrative_unit);
			value = `<a href="#" data-drill-unit="${unit}" data-drill-title="${title}"
				title="${__("Open the figures of {0}", [title])}">${value}</a>`;
		}
		// a unit's dossiers of the period, one click away (province -> ward -> dossier list)
		if (column.fieldname === "received" && data?.administrative_unit && data.received) {
			const query = {
				administrative_unit: data.administrative_unit,
				received_at: JSON.stringify(["Between", [filters.from_date, filters.to_date]]),
			};
			const field = "procedure_field" in data ? data.procedure_field : filters.procedure_field;
			if (field) {
				query.procedure_field = field;
			} else if ("procedure_field" in data) {
				query.procedure_field = JSON.stringify(["is", "not set"]);
			}
			value = `<a href="/app/dossier?${new URLSearchParams(query)}">${value}</a>`;
		}
		return value;
	},
};
