// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

// The form acts on the national status code of the dossier's state (design §3), never on the
// state's name: an admin may rename states or add their own.
const ENTRY = { Online: 1, Direct: 2, Postal: 2 };

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
		show_clock(frm);
		// the notice of the dossier's state is the default print (the doctype's own otherwise)
		frm.meta.__own_default_print_format ??= frm.meta.default_print_format || "";
		frm.meta.default_print_format =
			frm.doc.__onload?.default_print_format || frm.meta.__own_default_print_format;
		if (frm.is_new() && frappe.user.has_role("One-Stop Officer")) {
			frm.add_custom_button(__("Scan ID Card"), () => scan_card(frm)).addClass("btn-primary");
		}
		if (frm.doc.__onload?.apology_useful && frm.perm[0].write) {
			frm.add_custom_button(__("Apologise and Reschedule"), () => apologise(frm));
		}
	},

	channel(frm) {
		// what the server will set on saving: the first state with the channel's code
		if (!frm.is_new()) return;
		const wanted = ENTRY[frm.doc.channel] || 2;
		const workflow = frappe.workflow.workflows[frm.doctype];
		const entry = (workflow?.states || []).find((row) => row.status_code === wanted);
		if (entry) frm.set_value("status", entry.state);
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

// The clock badge: running (working hours left), paused since when, or overdue by how long.
function show_clock(frm) {
	const clock = frm.doc.__onload?.clock;
	if (!clock) return;
	const when = (value) => frappe.datetime.str_to_user(value).slice(0, 16); // no seconds
	if (clock.state === "paused") {
		const why = clock.reason === "Payment" ? __("awaiting payment") : __("awaiting a supplement");
		frm.dashboard.set_headline_alert(
			__("Clock paused since {0}, {1}", [when(clock.since), why]),
			"orange"
		);
	} else if (clock.state === "overdue") {
		frm.dashboard.set_headline_alert(
			__("Overdue by {0} working hours (due {1})", [format_number(clock.hours, null, 1), when(clock.due_at)]),
			"red"
		);
	} else {
		frm.dashboard.set_headline_alert(
			__("Clock running: {0} working hours left, due {1}", [format_number(clock.hours, null, 1), when(clock.due_at)]),
			"blue"
		);
	}
}

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
			frm.call("issue_apology", values).then(() => frm.reload_doc()),
		__("Apology and New Appointment"),
		__("Issue")
	);
}

// The scanner types the card's QR code and Enter into the box: the applicant is filled at once.
function scan_card(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Scan ID Card"),
		fields: [
			{
				fieldname: "text",
				fieldtype: "Data",
				label: __("Citizen ID card QR code"),
				description: __("Put the cursor here and scan the QR code on the back of the card"),
			},
		],
		primary_action_label: __("Fill In"),
		primary_action({ text }) {
			frappe
				.call({ method: "ward_admin.one_stop.doctype.dossier.citizen_card.read_card", args: { text } })
				.then(({ message: card }) => {
					dialog.hide();
					frm.set_value({
						applicant_name: card.applicant_name,
						applicant_id_number: card.applicant_id_number,
						applicant_address: card.applicant_address,
					});
					if (card.accents_lost) {
						frappe.msgprint(
							__("The scanner dropped the Vietnamese accents: correct the name and address by hand")
						);
					}
				});
		},
	});
	dialog.show();
	const input = dialog.get_field("text").$input;
	input.trigger("focus");
	// a scanner ends with Enter
	input.on("keydown", (event) => {
		if (event.key === "Enter") {
			event.preventDefault();
			dialog.primary_action(dialog.get_values());
		}
	});
}
