// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Working Calendar", {
	refresh(frm) {
		if (frm.doc.holiday_list) {
			frm.add_custom_button(__("Holiday List"), () =>
				frappe.set_route("Form", "Holiday List", frm.doc.holiday_list)
			);
		}
	},
});
