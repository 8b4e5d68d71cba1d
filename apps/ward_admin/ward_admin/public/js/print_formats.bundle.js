// Frappe's generic "Standard" print format (every field of a record, in English labels) is not
// offered to staff for a doctype that has forms of its own, i.e. a default print format (a
// dossier's notices, the e-receipt): the print menus list only those forms. Site operators keep
// it. An override of Frappe's `frappe.meta.get_print_formats`, listed in ward_admin/framework.py;
// the server refuses "Standard" for such a doctype too (ward_admin.permissions.requests).
frappe.provide("ward_admin.print_formats");

ward_admin.print_formats.without_standard = function (doctype) {
	const meta = locals.DocType?.[doctype];
	return Boolean(meta?.default_print_format) && !frappe.user.has_role("System Manager");
};

{
	const get_print_formats = frappe.meta.get_print_formats;
	frappe.meta.get_print_formats = function (doctype) {
		const formats = get_print_formats.call(this, doctype);
		if (!ward_admin.print_formats.without_standard(doctype)) return formats;
		return formats.filter((name) => name !== "Standard");
	};
}
