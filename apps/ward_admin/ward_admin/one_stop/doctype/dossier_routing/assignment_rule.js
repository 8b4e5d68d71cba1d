// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

// Frappe's Assignment Rule form, as the app shows it (hooks.py doctype_js).
frappe.ui.form.on("Assignment Rule", {
	refresh(frm) {
		if (!frm.doc.dossier_routing) return;
		// a rule made from a Dossier Routing changes only with it (the server refuses other changes)
		frm.set_intro();
		frm.set_intro(
			__("This rule is made from the Dossier Routing {0} and changes only with it: change the routing, not the rule.", [
				`<a href="/app/dossier-routing/${encodeURIComponent(frm.doc.dossier_routing)}">${frappe.utils.escape_html(
					frm.doc.dossier_routing
				)}</a>`,
			]),
			"blue"
		);
		frm.disable_form();
		frm.add_custom_button(__("Open the Routing"), () =>
			frappe.set_route("Form", "Dossier Routing", frm.doc.dossier_routing)
		);
	},
	// Frappe's "Weekdays", "Weekends" and "All Days" buttons read the days to set from their own
	// text, which breaks once the text is translated: each button sets its days by its name
	setup_assignment_days_buttons(frm) {
		const weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
		const weekends = ["Saturday", "Sunday"];
		const sets = { Weekdays: weekdays, Weekends: weekends, "All Days": [...weekdays, ...weekends] };
		const grid = frm.fields_dict.assignment_days?.grid;
		for (const [label, days] of Object.entries(sets)) {
			const $button = grid?.custom_buttons?.[label];
			if (!$button) continue;
			// nothing to set on a rule that cannot be changed here
			$button.toggleClass("hidden", Boolean(frm.doc.dossier_routing) || !frm.perm?.[0]?.write);
			$button.off("click").on("click", () => {
				frm.clear_table("assignment_days");
				days.forEach((day) => frm.add_child("assignment_days", { day }));
				frm.refresh_field("assignment_days");
			});
		}
	},
});
