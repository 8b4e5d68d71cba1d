// Forms and pages: alerts, configuration owned by another unit, the workflow builder's title.

// The same alert twice at once (a workflow action refreshes the form twice, and each refresh of a
// form the workflow locks says so) is shown once. On a dossier the workflow's lock is not announced
// at all: after every action it read like an error, and the form shows its state and its actions.
const show_alert = frappe.show_alert;
frappe.show_alert = frappe.toast = function (message, ...rest) {
	const text = typeof message === "string" ? message : message?.message;
	if (text === __("This form is not editable due to a Workflow.") && window.cur_frm?.doctype === "Dossier") return;
	const shown = $("#alert-container .desk-alert:not(.out) .alert-message")
		.toArray()
		.some((element) => element.innerHTML === text);
	if (shown) return;
	return show_alert.call(this, message, ...rest);
};

// Configuration another unit owns (the province's catalogue, calendars and workflow, a ward's own
// rules) opens read-only for everyone else, saying whose it is, instead of failing on save.
$(document).on("form-refresh", (event, frm) => {
	const owner = frm.doc.__onload?.owned_by;
	if (!owner || frm.is_new()) return;
	// a unit's own admins still keep its own settings (its working calendar)
	const editable = frm.doc.__onload.editable_fields || [];
	frm.fields.forEach((field) => {
		if (!editable.includes(field.df.fieldname)) frm.set_df_property(field.df.fieldname, "read_only", 1);
	});
	if (editable.length) {
		frm.set_intro(__("Set by the administrators of {0}: you change only this unit's own settings.", [owner]), "blue");
	} else {
		frm.disable_save();
		frm.set_read_only();
		frm.set_intro(__("Set by the administrators of {0}: you can read it, not change it.", [owner]), "blue");
	}
});

// The workflow builder's title names the workflow in the reader's language ("Đang sửa Hồ sơ").
const set_page_title = frappe.ui.Page.prototype.set_title;
frappe.ui.Page.prototype.set_title = function (title, ...rest) {
	const [page, workflow] = frappe.get_route() || [];
	if (page === "workflow-builder" && workflow) title = __("Editing {0}", [__(workflow)]);
	return set_page_title.call(this, title, ...rest);
};
const set_page_indicator = frappe.ui.Page.prototype.set_indicator;
frappe.ui.Page.prototype.set_indicator = function (label, ...rest) {
	return set_page_indicator.call(this, __(label), ...rest);
};
