// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Emulation Period", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Leaderboard"), () =>
			frappe.set_route("query-report", "Emulation Leaderboard", {
				emulation_period: frm.doc.name,
			})
		);
		if (!frm.perm[0].write) return;
		if (frm.doc.status === "Open") {
			frm.add_custom_button(__("Close Period"), () =>
				frappe.confirm(
					__(
						"Closing freezes every staff member's score and proposes titles and reviews for the leader. Close the period?"
					),
					() =>
						frm
							.call({ method: "close_period", doc: frm.doc, freeze: true, freeze_message: __("Closing the period…") })
							.then(() => frm.reload_doc())
				)
			).addClass("btn-primary");
		} else {
			frm.add_custom_button(__("Reopen Period"), () =>
				frappe.prompt(
					{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
					({ reason }) =>
						frm.call({ method: "reopen_period", doc: frm.doc, args: { reason } }).then(() => frm.reload_doc()),
					__("Reopen Period"),
					__("Reopen")
				)
			);
		}
	},
});
