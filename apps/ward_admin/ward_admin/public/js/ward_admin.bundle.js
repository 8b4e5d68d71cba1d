// Corrections to Frappe's desk that staff of a Vietnamese ward meet on every screen: small
// overrides of Frappe's own functions, never copies of them.
// Every override of Frappe, here and elsewhere, is listed with why in ward_admin/framework.py.

// With times shown without seconds (System Settings "HH:mm"), Frappe hides the picker's seconds
// slider, which the picker does not build for such a format: the form then fails to draw. Date-time
// and time pickers are set up as Frappe's date control does it, and the slider hidden only if it
// exists.
function hide_seconds(datepicker) {
	const picker = datepicker?.timepicker;
	if (picker?.$seconds && datepicker.opts.timeFormat.indexOf("s") === -1) {
		picker.$seconds.parent().css("display", "none");
		picker.$secondsText?.css("display", "none");
		picker.$secondsText?.prev().css("display", "none");
	}
}

// A datetime field's help is translated before Frappe appends the time zone to it (Frappe
// translates the joined text, which no translation file holds); the time zone itself is shown
// only to a user whose time zone differs from the site's, the case it warns about.
frappe.ui.form.ControlDatetime = class extends frappe.ui.form.ControlDatetime {
	set_description() {
		if (this.df.description && !this.df.__translated) {
			this.df.description = __(this.df.description);
			this.df.__translated = true;
		}
		if (frappe.datetime.is_system_time_zone()) this.df.hide_timezone = 1;
		super.set_description();
	}

	set_datepicker() {
		frappe.ui.form.ControlDate.prototype.set_datepicker.call(this);
		hide_seconds(this.datepicker);
	}
};

// A time field draws and saves with times shown without seconds (the Working Calendar's sessions
// and cut-off): Frappe's time control hides the seconds slider the same way, and fails the same way.
// Its "Now" button keeps picking the current time.
frappe.ui.form.ControlTime = class extends frappe.ui.form.ControlTime {
	set_datepicker() {
		frappe.ui.form.ControlDate.prototype.set_datepicker.call(this);
		this.datepicker.$datepicker
			.find('[data-action="today"]')
			.off("click")
			.on("click", () => {
				this.datepicker.selectDate(frappe.datetime.now_time(true));
				this.datepicker.hide();
			});
		hide_seconds(this.datepicker);
	}
};

// A workflow state, action, role, mode of payment or doctype reads in the user's language wherever
// a document links to it, also for roles that may not open those records (Frappe translates only
// links the reader can open), and so does the name of such a record in its own list.
for (const doctype of ["Workflow State", "Workflow Action Master", "Workflow", "Role", "Mode of Payment", "DocType"]) {
	frappe.form.link_formatters[doctype] = (value) => __(value);
}
const is_translated = (doctype) => (frappe.boot.translated_doctypes || []).includes(doctype);
const get_subject_text = frappe.views.ListView.prototype.get_subject_text;
frappe.views.ListView.prototype.get_subject_text = function (doc, title) {
	const text = get_subject_text.call(this, doc, title);
	return is_translated(this.doctype) ? __(text) : text;
};
const get_column_html = frappe.views.ListView.prototype.get_column_html;
frappe.views.ListView.prototype.get_column_html = function (col, doc) {
	// the record's own name in a column of its list (a state's "Trạng thái")
	const fieldname = col.df?.fieldname;
	const naming = (this.meta.autoname || "").replace("field:", "");
	if (fieldname && is_translated(this.doctype) && [naming, this.meta.title_field].includes(fieldname)) {
		doc = { ...doc, [fieldname]: __(doc[fieldname]) };
	}
	return get_column_html.call(this, col, doc);
};

// A percentage is written with the number format of the site ("18,18%" in Vietnamese, as every
// other number), not as JavaScript prints it ("18.18%"), with two decimals; empty stays empty.
const format_percent = frappe.form.formatters.Percent;
frappe.form.formatters.Percent = function (value, docfield, options) {
	if (value === null || value === undefined || value === "" || isNaN(value)) {
		return format_percent.call(this, value, docfield, options);
	}
	// two decimals unless the field says otherwise (the site's float precision, three, would print
	// "100,000%")
	const precision = docfield?.precision || 2;
	return frappe.form.formatters._right(format_number(flt(value, precision), null, precision) + "%", options);
};

// The same alert twice at once (a workflow action refreshes the form twice, and each refresh of a
// form the workflow locks says so) is shown once. On a dossier the workflow's lock is not announced
// at all: after every action it read like an error, and the form shows its state and its actions.
const show_alert = frappe.show_alert;
frappe.show_alert = frappe.toast = function (message, ...rest) {
	const text = typeof message === "string" ? message : message?.message;
	if (text === __("This form is not editable due to a Workflow.") && window.cur_frm?.doctype === "Dossier") return;
	const shown = $("#alert-container .desk-alert:not(.out) .alert-message")
		.toArray()
		.some((element) => element.innerHTML === text);
	if (shown) return;
	return show_alert.call(this, message, ...rest);
};

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

// The awesome bar finds a dossier by its code, the applicant's citizen ID or name.
ward_admin.find_dossier = function (txt) {
	return frappe
		.xcall("ward_admin.one_stop.doctype.dossier.search.find", { txt })
		.then((rows) => {
			if (rows.length === 1) {
				frappe.set_route("Form", "Dossier", rows[0].name);
			} else if (!rows.length) {
				frappe.show_alert({ message: __("No dossier found for {0}", [txt]), indicator: "orange" });
			} else {
				frappe.route_options = { name: ["in", rows.map((row) => row.name)] };
				frappe.set_route("List", "Dossier");
			}
		});
};

const add_defaults = frappe.search.AwesomeBar.prototype.add_defaults;
frappe.search.AwesomeBar.prototype.add_defaults = function (txt) {
	add_defaults.call(this, txt);
	if (txt && txt.trim().length >= 3 && frappe.model.can_read("Dossier")) {
		this.options.push({
			label: __("Find dossier {0}", [frappe.utils.escape_html(txt).bold()]),
			value: __("Find dossier {0}", [txt]),
			index: 95,
			default: "Dossier",
			match: txt,
			onclick() {
				ward_admin.find_dossier(txt.trim());
			},
		});
	}
};

// Enter takes the first option: finding the dossier comes first (a code, a citizen ID, a name),
// unless the text names a screen ("Lịch làm việc"), whose link then stays first. Frappe's global
// search of every record follows.
const fold = (text) =>
	(text || "")
		.replace(/<[^>]*>/g, "")
		.normalize("NFD")
		.replace(/[\u0300-\u036f]/g, "")
		.replace(/đ/gi, "d")
		.toLowerCase()
		.trim();
const build_options = frappe.search.AwesomeBar.prototype.build_options;
frappe.search.AwesomeBar.prototype.build_options = function (txt) {
	const options = build_options.call(this, txt);
	const dossier = this.options.find((option) => option.default === "Dossier");
	if (dossier) {
		const typed = fold(txt);
		const screen = options.find((option) => fold(__(option.label || option.value)).startsWith(typed));
		dossier.index = screen ? screen.index - 0.01 : 101;
		const global = this.options.find((option) => option.default === "Search");
		if (global) global.index = Math.min(global.index, dossier.index - 0.01);
	}
	return options;
};

// The date picker in Vietnamese (Frappe ships its calendar in a few languages, not Vietnamese).
$.fn.datepicker.language["vi"] = {
	// the formats stay the English entry's: Frappe's time picker is built from them
	...$.fn.datepicker.language.en,
	days: ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
	daysShort: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
	daysMin: ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
	months: Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`),
	monthsShort: Array.from({ length: 12 }, (_, i) => `Th${i + 1}`),
	today: "Hôm nay",
	clear: "Xóa",
};

// Frappe Charts, as Frappe ships it, fails in three ways on pages staff leave quickly:
// - a chart whose container is hidden (a workspace or report the user has just left) is laid out
//   with a negative width, which the browser refuses ("<rect> attribute width: A negative value");
// - a redraw on resize during its 250 ms update animation (its picture is then swapped for an
//   animated copy) fails ("removeChild … not a child of this node", frappe/charts#368);
// - a chart replaced by a newer one on the same container keeps redrawing, off the page, on every
//   resize.
// Every chart's class shares one base: the first chart made finds it (a chart drawn once off
// screen) and three small guards go on it: a hidden chart is laid out one pixel wide until its
// container shows (its own resize observer then draws it at its real width), a redraw during the
// animation waits for its end, and a replaced chart stops watching the page.
const FrappeChart = frappe.Chart;
const CHART_ANIMATION_MS = 250;
let charts_guarded = false;

function guard_charts() {
	charts_guarded = true;
	const probe = $('<div style="position: absolute; left: -10000px; top: 0; width: 400px">').appendTo("body");
	const chart = new FrappeChart(probe[0], { type: "bar", data: { labels: ["·"], datasets: [{ values: [1] }] } });
	chart.destroy();
	probe.remove();
	const base = Object.getPrototypeOf(Object.getPrototypeOf(chart).constructor.prototype);
	const update_width = base.updateWidth;
	base.updateWidth = function () {
		update_width.call(this);
		if (!(this.width > 0)) {
			this.baseWidth += 1 - this.width;
			this.width = 1;
		}
	};
	// a legend reads whole ("Tỷ lệ thanh toán trực tuyến", not "Tỷ lệ thanh toá…"): each label takes
	// the room it needs on its row instead of Frappe Charts' 150 pixels cut at 18 letters
	base.renderLegend = function (datasets) {
		this.legendArea.textContent = "";
		const truncate = this.config.truncateLegends;
		this.config.truncateLegends = 0;
		let x = 0;
		let y = 0;
		datasets.forEach((dataset, index) => {
			const legend = this.makeLegend(dataset, index, x, y);
			this.legendArea.appendChild(legend);
			const width = legend.getBBox().width + 24;
			if (x > 0 && x + width > this.width) {
				x = 0;
				y += this.config.legendRowHeight;
				legend.setAttribute("transform", `translate(0, ${y + 5})`);
			}
			x += width;
		});
		this.config.truncateLegends = truncate;
	};
	const draw = base.draw;
	base.draw = function (...args) {
		if (this.container && !this.parent.contains(this.container)) {
			this.destroy();
			return;
		}
		if (this.svg && this.svg.parentNode !== this.container) {
			clearTimeout(this.redraw_after_animation);
			this.redraw_after_animation = setTimeout(() => this.draw(...args), CHART_ANIMATION_MS + 50);
			return;
		}
		return draw.apply(this, args);
	};
}

// Numbers a chart writes (its axis, its tooltips) in the site's format, whole numbers without
// decimals: "0,5" and "16,67", not "0.5" and "16.67"; a count's axis "500", not "500.00".
function chart_number(value) {
	const match = typeof value === "number" ? [null, String(value), ""] : /^(-?\d+(?:\.\d+)?)(\s*\D*)$/.exec(value);
	if (!match) return value;
	const number = Number(match[1]);
	const decimals = Number.isInteger(number) ? 0 : Math.min(2, (match[1].split(".")[1] || "").length);
	return format_number(number, null, decimals) + match[2];
}

frappe.Chart = function (parent, options = {}) {
	if (!charts_guarded) guard_charts();
	const axis = options.axisOptions || {};
	const format_axis = axis.numberFormatter;
	// Frappe Charts formats the axis only when it shortens its numbers
	options.axisOptions = {
		...axis,
		shortenYAxisNumbers: 1,
		numberFormatter: (value) => chart_number(format_axis ? format_axis(value) : value),
	};
	const tooltip = options.tooltipOptions || {};
	const format_tooltip = tooltip.formatTooltipY;
	options.tooltipOptions = {
		...tooltip,
		formatTooltipY: (value) => chart_number(format_tooltip ? format_tooltip(value) : value),
	};
	return new FrappeChart(parent, options);
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

// Configuration another unit owns (the province's catalogue, calendars and workflow, a ward's own
// rules) opens read-only for everyone else, saying whose it is, instead of failing on save.
$(document).on("form-refresh", (event, frm) => {
	const owner = frm.doc.__onload?.owned_by;
	if (!owner || frm.is_new()) return;
	// a unit's own admins still keep its own settings (its working calendar)
	const editable = frm.doc.__onload.editable_fields || [];
	frm.fields.forEach((field) => {
		if (!editable.includes(field.df.fieldname)) frm.set_df_property(field.df.fieldname, "read_only", 1);
	});
	if (editable.length) {
		frm.set_intro(__("Set by the administrators of {0}: you change only this unit's own settings.", [owner]), "blue");
	} else {
		frm.disable_save();
		frm.set_read_only();
		frm.set_intro(__("Set by the administrators of {0}: you can read it, not change it.", [owner]), "blue");
	}
});

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

// The workflow builder's title names the workflow in the reader's language ("Đang sửa Hồ sơ").
const set_page_title = frappe.ui.Page.prototype.set_title;
frappe.ui.Page.prototype.set_title = function (title, ...rest) {
	const [page, workflow] = frappe.get_route() || [];
	if (page === "workflow-builder" && workflow) title = __("Editing {0}", [__(workflow)]);
	return set_page_title.call(this, title, ...rest);
};
const set_page_indicator = frappe.ui.Page.prototype.set_indicator;
frappe.ui.Page.prototype.set_indicator = function (label, ...rest) {
	return set_page_indicator.call(this, __(label), ...rest);
};
