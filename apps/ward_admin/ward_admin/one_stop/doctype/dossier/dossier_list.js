// Copyright (c) 2026, ward_admin developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Dossier"] = {
	add_fields: ["status", "is_overdue", "due_at", "timeliness"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (doc.is_overdue && ["Received", "Processing"].includes(doc.status)) {
			return [__("Overdue"), "red", "is_overdue,=,1"];
		}
		const colors = {
			"Submitted Online": "blue",
			Received: "cyan",
			Refused: "gray",
			Processing: "orange",
			"Awaiting Supplement": "yellow",
			"Awaiting Payment": "yellow",
			Withdrawn: "gray",
			Stopped: "red",
			Resolved: "green",
			Returned: "darkgrey",
		};
		return [__(doc.status), colors[doc.status] || "gray", `status,=,${doc.status}`];
	},
	formatters: {
		timeliness(value) {
			const colors = { Early: "green", "On Time": "blue", Late: "red" };
			return value ? `<span class="indicator-pill ${colors[value]}">${__(value)}</span>` : "";
		},
	},
};
