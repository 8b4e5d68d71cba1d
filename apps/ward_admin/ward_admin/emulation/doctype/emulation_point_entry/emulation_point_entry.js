// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Emulation Point Entry", {
	refresh(frm) {
		const corrector = frappe.user.has_role("Emulation Officer") || frappe.user.has_role("System Manager");
		if (!corrector || frm.doc.reverses || frm.doc.reversed_by) return;
		frm.add_custom_button(__("Reverse"), () =>
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
				({ reason }) =>
					frm.call({ method: "reverse", doc: frm.doc, args: { reason } }).then((r) => {
						frappe.show_alert({ message: __("Reversed by entry {0}", [r.message]), indicator: "green" });
						frm.reload_doc();
					}),
				__("Reverse Points"),
				__("Reverse")
			)
		);
	},
});
