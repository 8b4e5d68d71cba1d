// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Commendation", {
	refresh(frm) {
		ward_admin.emulation.decision_buttons(frm);
	},
});
