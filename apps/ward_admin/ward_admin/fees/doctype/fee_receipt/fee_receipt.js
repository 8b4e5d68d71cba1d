// Fee Receipt: issued on submit; cancelled with a reason; replaced by a new receipt.
frappe.ui.form.on("Fee Receipt", {
	setup(frm) {
		frm.set_query("replaces", () => ({
			filters: { dossier: frm.doc.dossier, docstatus: 1, status: "Issued" },
		}));
	},

	refresh(frm) {
		if (frm.doc.docstatus === 1) {
			// Frappe's own Cancel asks no reason: the receipt's does
			frm.page.clear_secondary_action();
			if (frm.doc.status === "Issued" && frappe.model.can_cancel("Fee Receipt")) {
				frm.add_custom_button(__("Cancel Receipt"), () => cancel_with_reason(frm));
			}
			if (frm.doc.status === "Issued" && frappe.model.can_create("Fee Receipt")) {
				frm.add_custom_button(__("Replace"), () =>
					frappe.new_doc("Fee Receipt", {
						dossier: frm.doc.dossier,
						administrative_unit: frm.doc.administrative_unit,
						replaces: frm.doc.name,
						payer_name: frm.doc.payer_name,
						fee_type: frm.doc.fee_type,
						amount: frm.doc.amount,
						payment_channel:
							frm.doc.payment_channel === "Online" ? "Bank Transfer" : frm.doc.payment_channel,
						transaction_id: frm.doc.transaction_id,
					})
				);
			}
		}
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.set_intro(__("Submit to issue the receipt: it gets its number and is posted to the accounts."));
		}
	},

	on_submit(frm) {
		// the receipt that covers the fee of a dossier awaiting payment: its "Payment Received" is
		// offered at once, instead of going back to the dossier for it
		if (!frm.doc.dossier) return;
		frappe
			.call("ward_admin.fees.dossier_fees.fee_status", { dossier: frm.doc.dossier })
			.then(({ message }) => {
				if (!message?.payment_action) return;
				frappe.confirm(
					__("The fee of dossier {0} is paid. Move it on ({1})?", [
						frm.doc.dossier.bold(),
						__(message.payment_action),
					]),
					() =>
						frappe
							.xcall("ward_admin.fees.dossier_fees.payment_received", { dossier: frm.doc.dossier })
							.then(() => frappe.set_route("Form", "Dossier", frm.doc.dossier))
				);
			});
	},

	dossier(frm) {
		if (!frm.doc.dossier || frm.doc.amount) return;
		frappe
			.call("ward_admin.fees.dossier_fees.fee_status", { dossier: frm.doc.dossier })
			.then(({ message }) => message && frm.set_value("amount", message.unpaid));
	},
});

function cancel_with_reason(frm) {
	frappe.prompt(
		{ fieldname: "reason", fieldtype: "Small Text", label: __("Cancellation Reason"), reqd: 1 },
		({ reason }) =>
			frm.call("cancel_receipt", { reason }).then(() => {
				frappe.show_alert({ message: __("Receipt cancelled"), indicator: "orange" });
				frm.reload_doc();
			}),
		__("Cancel Receipt"),
		__("Cancel Receipt")
	);
}
