// The fees module's part in the Dossier form (hooks.py doctype_js): what the fee is, what is
// collected, a "Collect Fee" button while something is unpaid, and the way back to processing once
// the fee is covered.
frappe.ui.form.on("Dossier", {
	refresh(frm) {
		if (frm.is_new() || !(frm.doc.fee_amount > 0)) return;
		frappe
			.call("ward_admin.fees.dossier_fees.fee_status", { dossier: frm.doc.name })
			.then(({ message: fee }) => {
				if (!fee) return;
				const money = (value) => format_currency(value, "VND", 0);
				frm.dashboard.add_indicator(
					__("Fee paid: {0} of {1}", [money(fee.paid), money(fee.fee)]),
					fee.unpaid ? "orange" : "green"
				);
				if (fee.payment_action) {
					// the fee is covered while the dossier still waits for it: its next step, at hand
					frm.add_custom_button(__(fee.payment_action), () =>
						frappe
							.xcall("ward_admin.fees.dossier_fees.payment_received", { dossier: frm.doc.name })
							.then(() => frm.reload_doc())
					).addClass("btn-primary");
				}
				if (fee.unpaid && fee.can_collect && ![3, 7, 8, 10].includes(frm.doc.status_code)) {
					frm.add_custom_button(__("Collect Fee"), () =>
						frappe.new_doc("Fee Receipt", {
							dossier: frm.doc.name,
							amount: fee.unpaid,
							payer_name: frm.doc.applicant_name,
							administrative_unit: frm.doc.administrative_unit,
						})
					);
				}
			});
	},
});
