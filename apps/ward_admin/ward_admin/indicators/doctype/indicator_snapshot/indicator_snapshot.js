// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Indicator Snapshot", {
	refresh(frm) {
		if (frm.doc.docstatus === 1) {
			frm.add_custom_button(__("Open in Service Index"), () =>
				frappe.set_route("query-report", "Service Index", { snapshot: frm.doc.name })
			);
		}
	},
});
