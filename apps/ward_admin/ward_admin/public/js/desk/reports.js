// Query reports: shared filters, total rows, run times, column widths; workspace counts of reports.

// The filters the indicator reports share: a unit (with the units under it), a period, a
// procedure field. Evaluated when a report's script loads, so its defaults are today's.
frappe.provide("ward_admin");
ward_admin.report_filters = {
	unit: (extra = {}) => ({
		fieldname: "administrative_unit",
		label: __("Administrative Unit"),
		fieldtype: "Link",
		options: "Administrative Unit",
		...extra,
	}),
	own_unit: () => ward_admin.report_filters.unit({ default: frappe.defaults.get_user_default("Administrative Unit") }),
	period: (from_date = frappe.datetime.month_start()) => [
		{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", default: from_date, reqd: 1 },
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
	],
	procedure_field: () => ({
		fieldname: "procedure_field",
		label: __("Procedure Field"),
		fieldtype: "Link",
		options: "Procedure Field",
	}),
};

// A report's total row is labelled in the reader's language (Frappe writes the word "Total" into
// the first column without translating it), and its run time in the site's number format (Frappe
// prints JavaScript's "0.018961").
const format = frappe.format;
frappe.format = function (value, df, options, doc) {
	if (value === "Total" && df?.fieldtype === "Data" && !doc) value = __("Total");
	return format.call(this, value, df, options, doc);
};

const show_footer_message = frappe.views.QueryReport.prototype.show_footer_message;
frappe.views.QueryReport.prototype.show_footer_message = function () {
	const seconds = this.execution_time;
	this.execution_time = format_number(flt(seconds || 0.1, 3), null, 3);
	try {
		show_footer_message.call(this);
	} finally {
		this.execution_time = seconds;
	}
};

// A workspace shortcut to a report counts what the report lists when the app knows how (Frappe
// counts only shortcuts to a doctype's list): the leader's "To Sign".
ward_admin.report_counts = {
	"Dossiers to Sign": "ward_admin.one_stop.report.dossiers_to_sign.dossiers_to_sign.count",
};
const set_shortcut_actions = frappe.widget.widget_factory.shortcut.prototype.set_actions;
frappe.widget.widget_factory.shortcut.prototype.set_actions = function () {
	set_shortcut_actions.call(this);
	const method = this.type === "Report" && ward_admin.report_counts[this.link_to];
	if (method && !this.in_customize_mode) {
		frappe.xcall(method).then((count) => this.set_count(count));
	}
};

// A report's column is at least as wide as its heading ("Điểm thi đua", not "Điểm t…"): Vietnamese
// labels are longer than the English widths the reports were laid out with.
const prepare_columns = frappe.views.QueryReport.prototype.prepare_columns;
const measure = document.createElement("canvas").getContext("2d");
frappe.views.QueryReport.prototype.prepare_columns = function (columns) {
	const prepared = prepare_columns.call(this, columns);
	measure.font = `600 ${getComputedStyle(document.body).fontSize} ${getComputedStyle(document.body).fontFamily}`;
	for (const column of prepared) {
		const label = column.name || column.content || column.label || "";
		const needed = Math.ceil(measure.measureText(label).width) + 36;
		if (column.width && column.width < needed) column.width = needed;
	}
	return prepared;
};
