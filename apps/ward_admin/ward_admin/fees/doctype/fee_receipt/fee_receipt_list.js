frappe.listview_settings["Fee Receipt"] = {
	add_fields: ["status", "docstatus"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		const colours = { Draft: "red", Issued: "green", Cancelled: "gray", Replaced: "orange" };
		return [__(doc.status), colours[doc.status] || "gray", "status,=," + doc.status];
	},
};
