// The desk's print view (Frappe's "print" page, hooks.py page_js) opens a record on its own
// notice: a dossier on the form of its state, which the server sends with the document
// (`__onload.default_print_format`, one_stop/doctype/dossier/clock.py), whether the view was
// opened from the form, the list or a link. With no format chosen, staff print the doctype's own
// default, never Frappe's generic "Standard" (every field, in English labels). Overrides of
// Frappe's PrintView, listed in ward_admin/framework.py.
{
	const PrintView = frappe.ui.form.PrintView.prototype;
	const set_default_print_format = PrintView.set_default_print_format;
	PrintView.set_default_print_format = function () {
		const own = this.frm?.doc?.__onload?.default_print_format;
		if (own) {
			this.print_format_selector.val(own);
			return;
		}
		return set_default_print_format.call(this);
	};

	const selected_format = PrintView.selected_format;
	PrintView.selected_format = function () {
		const chosen = this.print_format_selector.val();
		if (!chosen && ward_admin.print_formats.without_standard(this.frm.doctype)) {
			return this.frm.meta.default_print_format;
		}
		return selected_format.call(this);
	};
}
