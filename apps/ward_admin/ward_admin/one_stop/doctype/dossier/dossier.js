// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

// The form acts on the national status code of the dossier's state (docs/contract.md), never on the
// state's name: an admin may rename states or add their own.
const ENTRY = { Online: 1, Direct: 2, Postal: 2 };
// the text a transition into a state of this code needs (the server refuses the action without it)
const REASONS = { 3: "refusal_reason", 5: "supplement_request", 8: "stop_reason" };
const RESOLVED = 9;

frappe.ui.form.on("Dossier", {
	setup(frm) {
		frm.set_query("procedure", () => ({
			filters: { enabled: 1, effective_from: ["<=", frappe.datetime.get_today()] },
		}));
	},

	onload(frm) {
		frm.__checklist_of = frm.is_new() ? null : frm.doc.procedure;
		if (frm.is_new()) frm.trigger("channel");
	},

	refresh(frm) {
		frm.dashboard.clear_headline();
		show_clock(frm);
		// the notice of the dossier's state is the default print (the doctype's own otherwise)
		frm.meta.__own_default_print_format ??= frm.meta.default_print_format || "";
		frm.meta.default_print_format =
			frm.doc.__onload?.default_print_format || frm.meta.__own_default_print_format;
		// the entry state follows the channel (Frappe's workflow puts its first state on a new form)
		if (frm.is_new()) frm.trigger("channel");
		if (frm.is_new() && frappe.user.has_role("One-Stop Officer")) {
			frm.add_custom_button(__("Scan ID Card"), () => scan_card(frm));
			counter_scan_box(frm);
		}
		all_received_button(frm);
		if (frm.doc.__onload?.apology_useful && frm.perm[0].write) {
			frm.add_custom_button(__("Apologise and Reschedule"), () => apologise(frm));
		}
	},

	// a workflow action answers with the document but not its `__onload` (the clock, the print):
	// read them again, so the badge says "paused" the moment a supplement is requested
	after_workflow_action(frm) {
		return frm.reload_doc();
	},

	before_workflow_action(frm) {
		const workflow = frappe.workflow.workflows[frm.doctype];
		const transition = (workflow?.transitions || []).find(
			(row) => row.state === frm.doc.status && row.action === frm.selected_workflow_action
		);
		const target = (workflow?.states || []).find((row) => row.state === transition?.next_state);
		// resolving signs the result: the signer sees what they sign and confirms it
		if (target?.status_code === RESOLVED) return confirm_signature(frm);
		// the action asks for its text (refusal reason, supplement request, stop reason) at once
		// instead of failing with "enter the … first"
		const fieldname = REASONS[target?.status_code];
		if (!fieldname || (frm.doc[fieldname] || "").trim()) return;
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			const df = frappe.meta.get_docfield(frm.doctype, fieldname);
			frappe.prompt(
				[{ fieldname: "text", fieldtype: "Small Text", label: __(df.label), reqd: 1 }],
				({ text }) =>
					frm
						.set_value(fieldname, text)
						.then(() => frm.save())
						.then(() => {
							frappe.dom.freeze();
							resolve();
						}),
				__(frm.selected_workflow_action),
				__("Continue")
			);
		});
	},

	before_save(frm) {
		frm.__received_now = frm.is_new();
	},

	after_save(frm) {
		// the counter's next step is the citizen's receipt slip: offered at once
		if (!frm.__received_now) return;
		frm.__received_now = false;
		offer_receipt_slip(frm);
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
		// Frappe triggers this again when it validates the link: the checklist is built once per
		// procedure, and what is already ticked stays ticked
		if (!frm.doc.procedure || frm.__checklist_of === frm.doc.procedure) return;
		frm.__checklist_of = frm.doc.procedure;
		frappe.db.get_doc("Administrative Procedure", frm.doc.procedure).then((procedure) => {
			const ticked = new Set(
				(frm.doc.documents || []).filter((row) => row.received).map((row) => row.document_name)
			);
			frm.clear_table("documents");
			for (const row of procedure.documents || []) {
				frm.add_child("documents", {
					document_name: row.document_name,
					mandatory: row.mandatory,
					received: ticked.has(row.document_name) ? 1 : 0,
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

// At the counter the scanner's box is on the form itself and has the cursor: scanning the card
// fills the applicant and moves on to the procedure, with no click.
function counter_scan_box(frm) {
	const wrapper = frm.fields_dict.card_scan?.$wrapper;
	if (!wrapper) return;
	wrapper.html(`<div class="form-group">
		<label class="control-label">${__("Citizen ID Card QR")}</label>
		<input type="text" class="form-control" data-card-scan autocomplete="off"
			placeholder="${__("Scan the QR code on the citizen's ID card")}">
		<p class="help-box small text-muted">${__("The scanner types the code here and presses Enter; or type the applicant below")}</p>
	</div>`);
	const input = wrapper.find("[data-card-scan]");
	input.on("keydown", (event) => {
		if (event.key !== "Enter") return;
		event.preventDefault();
		const text = input.val();
		if (!text.trim()) return;
		read_card(frm, text).then(() => {
			input.val("");
			if (!frm.doc.procedure) frm.fields_dict.procedure.$input.trigger("focus");
		});
	});
	setTimeout(() => input.trigger("focus"), 300);
}

function read_card(frm, text) {
	return frappe
		.call({ method: "ward_admin.one_stop.doctype.dossier.citizen_card.read_card", args: { text } })
		.then(({ message: card }) =>
			frm
				.set_value({
					applicant_name: card.applicant_name,
					applicant_id_number: card.applicant_id_number,
					applicant_address: card.applicant_address,
				})
				.then(() => {
					if (card.accents_lost) {
						frappe.msgprint(
							__("The scanner dropped the Vietnamese accents: correct the name and address by hand")
						);
					}
				})
		);
}

// One click ticks every document of the checklist as received (the officer has them in hand).
function all_received_button(frm) {
	const grid = frm.fields_dict.documents.grid;
	const editable = frm.is_new() || [1, 5].includes(frm.doc.status_code);
	const button = grid.add_custom_button(__("All Received"), () => {
		for (const row of cur_frm.doc.documents || []) row.received = 1;
		cur_frm.refresh_field("documents");
		cur_frm.dirty();
	});
	button.addClass("btn-primary").attr("data-all-received", 1);
	button.toggleClass("hidden", !(editable && frm.perm[0].write));
}

// After the receipt: the slip (form 01, the default print of the state) or the next citizen.
function offer_receipt_slip(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Dossier {0} received", [frm.doc.name]),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p>${frappe.utils.escape_html(frm.doc.applicant_name || "")}</p>
					<p>${__("Appointment")}: <b>${frappe.datetime.str_to_user(frm.doc.appointment_at || "").slice(0, 16)}</b></p>`,
			},
		],
		primary_action_label: __("Print the Receipt Slip"),
		primary_action() {
			dialog.hide();
			frm.print_doc();
		},
		secondary_action_label: __("Receive Another"),
		secondary_action() {
			dialog.hide();
			frappe.new_doc("Dossier");
		},
	});
	dialog.show();
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
			read_card(frm, text).then(() => dialog.hide());
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

// The signer's last look before resolving: the dossier, who prepared its result, the files of the
// result, and whether it will count as early, on time or late. Nothing happens until they sign.
function confirm_signature(frm) {
	frappe.dom.unfreeze();
	const doc = frm.doc;
	const prepared = doc.__onload?.prepared_by;
	const files = frm.attachments?.get_attachments() || [];
	const now = frappe.datetime.str_to_obj(frappe.datetime.now_datetime());
	const due = doc.due_at && frappe.datetime.str_to_obj(doc.due_at);
	const timeliness = !due
		? ""
		: now > due
		? __("Late")
		: frappe.datetime.obj_to_str(now).slice(0, 10) < doc.due_at.slice(0, 10)
		? __("Early")
		: __("On Time");
	const row = (label, value) =>
		value ? `<tr><th class="text-muted" style="width: 35%">${label}</th><td>${value}</td></tr>` : "";
	const html = `<table class="table table-bordered table-sm">
		${row(__("Dossier"), frappe.utils.escape_html(doc.name))}
		${row(__("Applicant"), frappe.utils.escape_html(doc.applicant_name || ""))}
		${row(
			__("Procedure"),
			frappe.utils.escape_html(
				frappe.utils.get_link_title("Administrative Procedure", doc.procedure) || doc.procedure
			)
		)}
		${row(__("Prepared By"), prepared && frappe.utils.escape_html(prepared))}
		${row(__("Due At"), doc.due_at && frappe.datetime.str_to_user(doc.due_at).slice(0, 16))}
		${row(__("Counts As"), timeliness)}
		${row(
			__("Result Files"),
			files.length
				? files
						.map(
							(file) =>
								`<a href="${encodeURI(file.file_url)}" target="_blank">${frappe.utils.escape_html(
									file.file_name
								)}</a>`
						)
						.join("<br>")
				: __("No file attached")
		)}
	</table>`;
	return new Promise((resolve) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Sign the result of dossier {0}", [doc.name]),
			fields: [{ fieldtype: "HTML", fieldname: "summary", options: html }],
			primary_action_label: __("Sign and Resolve"),
			primary_action() {
				dialog.hide();
				frappe.dom.freeze();
				resolve();
			},
			secondary_action_label: __("Cancel"),
		});
		dialog.show();
	});
}
