// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

// The leader's Approve and Reject buttons on a proposal (Commendation, Disciplinary Review).
frappe.provide("ward_admin.emulation");

ward_admin.emulation.decision_buttons = function (frm, extra_fields = []) {
	if (frm.doc.status !== "Proposed" || !frappe.user.has_role("Ward Leader")) return;
	frm.add_custom_button(__("Approve"), () =>
		frappe.prompt(
			[
				{ fieldname: "decision_number", fieldtype: "Data", label: __("Decision Number"), reqd: 1 },
				{
					fieldname: "decision_date",
					fieldtype: "Date",
					label: __("Decision Date"),
					reqd: 1,
					default: frappe.datetime.get_today(),
				},
				...extra_fields,
			],
			(values) => frm.call({ method: "approve", doc: frm.doc, args: values }).then(() => frm.reload_doc()),
			__("Approve"),
			__("Approve")
		)
	).addClass("btn-primary");
	frm.add_custom_button(__("Reject"), () =>
		frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Rejection Reason"), reqd: 1 },
			({ reason }) => frm.call({ method: "reject", doc: frm.doc, args: { reason } }).then(() => frm.reload_doc()),
			__("Reject"),
			__("Reject")
		)
	);
};
