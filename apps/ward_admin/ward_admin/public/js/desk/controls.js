// Form controls: times without seconds, field help, percentages, the date picker in Vietnamese.

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
