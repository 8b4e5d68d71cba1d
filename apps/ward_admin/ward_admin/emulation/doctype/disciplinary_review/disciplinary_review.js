// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Disciplinary Review", {
	refresh(frm) {
		ward_admin.emulation.decision_buttons(frm, [
			{
				fieldname: "measure",
				fieldtype: "Select",
				label: __("Measure"),
				reqd: 1,
				options: [
					{ value: "Reprimand", label: __("Reprimand") },
					{ value: "Formal Warning", label: __("Formal Warning") },
					{ value: "Dismissal", label: __("Dismissal") },
					{ value: "Forced Resignation", label: __("Forced Resignation") },
				],
			},
		]);
	},
});
