// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Dossier", {
	setup(frm) {
		frm.set_query("procedure", () => ({
			filters: { enabled: 1, effective_from: ["<=", frappe.datetime.get_today()] },
		}));
	},

	onload(frm) {
		if (frm.is_new()) frm.trigger("channel");
	},

	refresh(frm) {
		frm.dashboard.clear_headline();
		if (frm.doc.due_at && ["Received", "Processing"].includes(frm.doc.status)) {
			const overdue = frappe.datetime.str_to_obj(frm.doc.due_at) < new Date();
			frm.dashboard.set_headline_alert(
				overdue
					? __("Overdue since {0}", [frappe.datetime.str_to_user(frm.doc.due_at)])
					: __("Due {0}", [frappe.datetime.str_to_user(frm.doc.due_at)]),
				overdue ? "red" : "blue"
			);
		}
		if (!frm.is_new() && !frm.doc.apology_issued_at && frm.doc.due_at && frm.perm[0].write) {
			if (["Received", "Processing", "Awaiting Supplement", "Awaiting Payment"].includes(frm.doc.status)) {
				frm.add_custom_button(__("Apologise and Reschedule"), () => apologise(frm));
			}
		}
	},

	channel(frm) {
		if (frm.is_new()) {
			frm.set_value("status", frm.doc.channel === "Online" ? "Submitted Online" : "Received");
		}
	},

	procedure(frm) {
		if (!frm.doc.procedure) return;
		frappe.db.get_doc("Administrative Procedure", frm.doc.procedure).then((procedure) => {
			frm.clear_table("documents");
			for (const row of procedure.documents || []) {
				frm.add_child("documents", {
					document_name: row.document_name,
					mandatory: row.mandatory,
				});
			}
			frm.refresh_field("documents");
		});
	},
});

function apologise(frm) {
	frappe.prompt(
		[
			{
				fieldname: "new_appointment_at",
				fieldtype: "Datetime",
				label: __("New Appointment"),
				reqd: 1,
			},
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for the Delay"), reqd: 1 },
		],
		(values) =>
			frappe
				.xcall("ward_admin.dossiers.issue_apology", { dossier: frm.doc.name, ...values })
				.then(() => frm.reload_doc()),
		__("Apology and New Appointment"),
		__("Issue")
	);
}
