// Corrections to Frappe's desk that staff of a Vietnamese ward meet on every screen: small
// overrides of Frappe's own functions, never copies of them.
// Every override of Frappe, here and elsewhere, is listed with why in ward_admin/framework.py.

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

	// With times shown without seconds (System Settings "HH:mm"), Frappe hides the picker's seconds
	// slider, which the picker does not build for such a format: the form then fails to draw. The
	// picker is set up as Frappe's date control does it, and the slider hidden only if it exists.
	set_datepicker() {
		frappe.ui.form.ControlDate.prototype.set_datepicker.call(this);
		const picker = this.datepicker?.timepicker;
		if (picker?.$seconds && this.datepicker.opts.timeFormat.indexOf("s") === -1) {
			picker.$seconds.parent().css("display", "none");
			picker.$secondsText?.css("display", "none");
			picker.$secondsText?.prev().css("display", "none");
		}
	}
};

// A workflow state reads in the user's language wherever a document links to it, also for roles
// that may not open Workflow State records (Frappe translates only links the reader can open).
frappe.form.link_formatters["Workflow State"] = (value) => __(value);

// A percentage is written with the number format of the site ("18,18%" in Vietnamese, as every
// other number), not as JavaScript prints it ("18.18%"); empty stays empty.
const format_percent = frappe.form.formatters.Percent;
frappe.form.formatters.Percent = function (value, docfield, options) {
	if (value === null || value === undefined || value === "" || isNaN(value)) {
		return format_percent.call(this, value, docfield, options);
	}
	const precision =
		docfield?.precision || cint(frappe.boot.sysdefaults && frappe.boot.sysdefaults.float_precision) || 2;
	return frappe.form.formatters._right(format_number(flt(value, precision), null, precision) + "%", options);
};

// The same alert twice at once (a workflow action refreshes the form twice, and each refresh of a
// form the workflow locks says so) is shown once.
const show_alert = frappe.show_alert;
frappe.show_alert = frappe.toast = function (message, ...rest) {
	const text = typeof message === "string" ? message : message?.message;
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
