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
	onload(listview) {
		search_box(listview);
		// a queue (the workspace's shortcuts filter on a status code, or on the reader's open tasks:
		// "My Dossier Tasks") shows the oldest due first
		if (
			frappe.route_options?.status_code !== undefined ||
			frappe.route_options?._assign !== undefined ||
			has_code_filter(listview)
		) {
			listview.sort_by = "due_at";
			listview.sort_order = "asc";
			listview.sort_selector?.set_value("due_at", "asc");
		}
	},
	refresh(listview) {
		show_clocks(listview);
	},
	formatters: {
		timeliness(value) {
			const colors = { Early: "green", "On Time": "blue", Late: "red" };
			return value ? `<span class="indicator-pill ${colors[value]}">${__(value)}</span>` : "";
		},
	},
};

function has_code_filter(listview) {
	return (listview.filters || []).some((filter) => ["status_code", "_assign"].includes(filter[1]));
}

// One box finds a dossier by its code, the applicant's citizen ID or name (the server decides
// which of these the reader may search: ward_admin.one_stop.doctype.dossier.search).
function search_box(listview) {
	const field = listview.page.add_field({
		fieldname: "find_dossier",
		fieldtype: "Data",
		label: __("Code, Citizen ID or Name"),
		placeholder: __("Code, Citizen ID or Name"),
		change() {
			const txt = (field.get_value() || "").trim();
			listview.filter_area.remove("name").then(() => {
				if (txt.length < 3) return;
				frappe
					.xcall("ward_admin.one_stop.doctype.dossier.search.find", { txt, limit: 100 })
					.then((rows) => {
						const names = rows.length ? rows.map((row) => row.name) : [""];
						listview.filter_area.add([["Dossier", "name", "in", names]]);
					});
			});
		},
	});
}

// The clock of each open dossier in the list: working hours left, paused since when, overdue by.
function show_clocks(listview) {
	const open = (listview.data || []).filter((doc) => [2, 4, 5, 6].includes(doc.status_code));
	if (!open.length) return;
	frappe
		.xcall("ward_admin.one_stop.doctype.dossier.clock.badges", {
			names: open.slice(0, 100).map((doc) => doc.name),
		})
		.then((clocks) => {
			for (const [name, clock] of Object.entries(clocks)) {
				const row = listview.$result.find(`.list-row-checkbox[data-name="${CSS.escape(name)}"]`)
					.closest(".list-row");
				row.find(".dossier-clock").remove();
				row.find(".list-row-activity").prepend(clock_pill(clock));
			}
		});
}

function clock_pill(clock) {
	const when = (value) => frappe.datetime.str_to_user(value).slice(0, 16);
	let text, colour;
	if (clock.state === "paused") {
		text = clock.since ? __("Paused since {0}", [when(clock.since)]) : __("Paused");
		colour = "orange";
	} else if (clock.state === "overdue") {
		[text, colour] = [__("Overdue by {0} working hours", [format_number(clock.hours, null, 1)]), "red"];
	} else {
		[text, colour] = [__("{0} working hours left", [format_number(clock.hours, null, 1)]), "blue"];
	}
	return `<span class="indicator-pill ${colour} dossier-clock ml-2" data-clock="${clock.state}">${text}</span>`;
}
