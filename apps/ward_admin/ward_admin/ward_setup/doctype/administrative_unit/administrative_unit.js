// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Administrative Unit", {
	setup(frm) {
		frm.set_query("parent_administrative_unit", () => ({ filters: { is_group: 1 } }));
		frm.set_query("merged_into", (doc) => ({ filters: { name: ["!=", doc.name] } }));
	},
});
