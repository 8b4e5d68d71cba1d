// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Working Calendar", {
	refresh(frm) {
		if (frm.doc.holiday_list) {
			frm.add_custom_button(__("Holiday List"), () =>
				frappe.set_route("Form", "Holiday List", frm.doc.holiday_list)
			);
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Deadline Calculator"), () => deadline_calculator(frm));
		}
	},
});

function deadline_calculator(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Deadline Calculator"),
		fields: [
			{
				fieldname: "received_at",
				fieldtype: "Datetime",
				label: __("Received At"),
				reqd: 1,
				default: frappe.datetime.now_datetime(),
			},
			{ fieldname: "processing_time", fieldtype: "Float", label: __("Processing Time"), default: 3 },
			{
				fieldname: "time_unit",
				fieldtype: "Select",
				label: __("Time Unit"),
				options: ["Working Days", "Working Hours"].map((value) => ({ value, label: __(value) })),
				default: "Working Days",
			},
			{ fieldtype: "Section Break" },
			{ fieldname: "start", fieldtype: "Data", label: __("Clock Starts"), read_only: 1 },
			{ fieldname: "due", fieldtype: "Data", label: __("Due At"), read_only: 1 },
		],
		primary_action_label: __("Calculate"),
		primary_action(values) {
			frappe
				.xcall("ward_admin.ward_setup.doctype.working_calendar.deadlines.preview_due", { calendar: frm.doc.name, ...values })
				.then((r) => {
					dialog.set_value("start", r.start);
					dialog.set_value("due", r.due);
				});
		},
	});
	dialog.show();
}
