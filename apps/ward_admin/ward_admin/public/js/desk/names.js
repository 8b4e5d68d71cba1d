// Names of records that read in the reader's language wherever they are shown.

// A workflow state, action, role, mode of payment or doctype reads in the user's language wherever
// a document links to it, also for roles that may not open those records (Frappe translates only
// links the reader can open), and so does the name of such a record in its own list.
for (const doctype of ["Workflow State", "Workflow Action Master", "Workflow", "Role", "Mode of Payment", "DocType"]) {
	frappe.form.link_formatters[doctype] = (value) => __(value);
}
const is_translated = (doctype) => (frappe.boot.translated_doctypes || []).includes(doctype);
const get_subject_text = frappe.views.ListView.prototype.get_subject_text;
frappe.views.ListView.prototype.get_subject_text = function (doc, title) {
	const text = get_subject_text.call(this, doc, title);
	// a title that is a Select's value (an outbox message's event) reads as the Select reads
	const subject_is_select = this.columns[0]?.df?.fieldtype === "Select";
	return is_translated(this.doctype) || subject_is_select ? __(text) : text;
};
const get_column_html = frappe.views.ListView.prototype.get_column_html;
frappe.views.ListView.prototype.get_column_html = function (col, doc) {
	// the record's own name in a column of its list (a state's "Trạng thái")
	const fieldname = col.df?.fieldname;
	const naming = (this.meta.autoname || "").replace("field:", "");
	if (fieldname && is_translated(this.doctype) && [naming, this.meta.title_field].includes(fieldname)) {
		doc = { ...doc, [fieldname]: __(doc[fieldname]) };
	}
	return get_column_html.call(this, col, doc);
};

// A field's label read through `frappe.meta.get_label` (the history of a table's rows: "Người xử
// lý từ … thành …", not "Holder from … to …") is in the reader's language too.
const get_label = frappe.meta.get_label;
frappe.meta.get_label = function (...args) {
	return __(get_label.apply(this, args));
};
