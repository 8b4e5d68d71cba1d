// An administrator retries a failed or dead message, or cancels one not yet delivered, with a reason
// (ward_admin.integrations.outbox.retry / cancel; the reason goes to the message's timeline).
frappe.ui.form.on("Outbox Message", {
	refresh(frm) {
		const act = (method, title) =>
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason"), reqd: 1 },
				({ reason }) =>
					frm.call(method, { reason }).then(() => frm.reload_doc()),
				title,
				__("Confirm")
			);
		if (["Failed", "Dead", "Cancelled"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Retry"), () => act("retry", __("Retry the message")));
		}
		if (["Queued", "Failed", "Dead"].includes(frm.doc.status)) {
			frm.add_custom_button(__("Cancel Sending"), () => act("cancel", __("Cancel the message")));
		}
	},
});
