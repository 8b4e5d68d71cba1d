// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Administrative Procedure", {
	refresh(frm) {
		if (frm.is_new()) return;
		if (!frm.doc.effective_to && frm.perm[0].write) {
			frm.add_custom_button(__("New Version"), () => make_new_version(frm));
		}
		frm.add_custom_button(__("Fee Calculator"), () => fee_calculator(frm));
	},
});

function make_new_version(frm) {
	frappe.prompt(
		[
			{
				fieldname: "effective_from",
				fieldtype: "Date",
				label: __("Effective From"),
				reqd: 1,
				description: __("The current version ends the day before"),
			},
		],
		({ effective_from }) =>
			frappe
				.xcall("ward_admin.ward_setup.doctype.administrative_procedure.versions.make_new_version", {
					procedure: frm.doc.name,
					effective_from,
				})
				.then((name) => frappe.set_route("Form", "Administrative Procedure", name)),
		__("New Version of {0}", [frm.doc.procedure_code]),
		__("Create")
	);
}

function fee_calculator(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Fee Calculator"),
		fields: [
			{ fieldname: "pages", fieldtype: "Int", label: __("Pages"), default: 1 },
			{ fieldname: "copies", fieldtype: "Int", label: __("Copies"), default: 1 },
			{ fieldname: "exempt", fieldtype: "Check", label: __("Exempt") },
			{ fieldname: "fee", fieldtype: "Currency", label: __("Fee"), read_only: 1, options: "VND" },
		],
		primary_action_label: __("Calculate"),
		primary_action(values) {
			frm.call("get_fee", values).then((r) => dialog.set_value("fee", r.message));
		},
	});
	dialog.show();
}
