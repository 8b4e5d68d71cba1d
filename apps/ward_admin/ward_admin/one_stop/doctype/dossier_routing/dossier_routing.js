// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

// Routing without code: the admin picks the unit, what the dossiers are (procedure fields or
// procedures), the staff and how they take turns; the Assignment Rule is made from this form.
frappe.ui.form.on("Dossier Routing", {
	setup(frm) {
		// only the unit's staff who may process its dossiers (the server decides: staff_query)
		frm.set_query("users", () => ({
			query: "ward_admin.one_stop.doctype.dossier_routing.dossier_routing.staff_query",
			filters: { administrative_unit: frm.doc.administrative_unit || "" },
		}));
		frm.set_query("procedures", () => ({ filters: { enabled: 1 } }));
	},
	refresh(frm) {
		// the staff read by name, not by e-mail
		for (const row of frm.doc.users || []) {
			if (row.full_name) frappe.utils.add_link_title("User", row.user, row.full_name);
		}
		frm.refresh_field("users");
		frm.set_intro();
		frm.set_intro(
			__(
				"When a dossier of the unit starts processing, it goes to the staff below in turn. The Assignment Rule that does it is made from this form and kept in step with it: it cannot be changed by hand."
			),
			"blue"
		);
		if (frm.doc.assignment_rule && !frm.is_new()) {
			frm.add_custom_button(__("Assignment Rule"), () =>
				frappe.set_route("Form", "Assignment Rule", frm.doc.assignment_rule)
			);
		}
	},
	administrative_unit(frm) {
		// staff of another unit cannot take this unit's dossiers
		if (frm.doc.users?.length) {
			frm.set_value("users", []);
		}
	},
});
