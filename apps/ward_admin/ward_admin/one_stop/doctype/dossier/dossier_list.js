// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

// Colours come from the Workflow State records an admin edits; overdue is read from the national
// status code (2 received, 4 processing: the clock runs), whatever the state is called.
const STYLE_COLOURS = {
	Success: "green",
	Warning: "orange",
	Danger: "red",
	Primary: "blue",
	Inverse: "darkgrey",
	Info: "cyan",
};

frappe.listview_settings["Dossier"] = {
	add_fields: ["status", "status_code", "is_overdue", "due_at", "timeliness"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (doc.is_overdue && [2, 4].includes(doc.status_code)) {
			return [__("Overdue"), "red", "is_overdue,=,1"];
		}
		const style = (locals["Workflow State"] || {})[doc.status]?.style;
		return [__(doc.status), STYLE_COLOURS[style] || "gray", `status,=,${doc.status}`];
	},
	formatters: {
		timeliness(value) {
			const colors = { Early: "green", "On Time": "blue", Late: "red" };
			return value ? `<span class="indicator-pill ${colors[value]}">${__(value)}</span>` : "";
		},
	},
};
