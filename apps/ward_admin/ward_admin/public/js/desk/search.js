// The search bar finds dossiers.

frappe.provide("ward_admin");

// The awesome bar finds a dossier by its code, the applicant's citizen ID or name.
ward_admin.find_dossier = function (txt) {
	return frappe
		.xcall("ward_admin.one_stop.doctype.dossier.search.find", { txt })
		.then((rows) => {
			if (rows.length === 1) {
				frappe.set_route("Form", "Dossier", rows[0].name);
			} else if (!rows.length) {
				frappe.show_alert({ message: __("No dossier found for {0}", [txt]), indicator: "orange" });
			} else {
				frappe.route_options = { name: ["in", rows.map((row) => row.name)] };
				frappe.set_route("List", "Dossier");
			}
		});
};

const add_defaults = frappe.search.AwesomeBar.prototype.add_defaults;
frappe.search.AwesomeBar.prototype.add_defaults = function (txt) {
	add_defaults.call(this, txt);
	if (txt && txt.trim().length >= 3 && frappe.model.can_read("Dossier")) {
		this.options.push({
			label: __("Find dossier {0}", [frappe.utils.escape_html(txt).bold()]),
			value: __("Find dossier {0}", [txt]),
			index: 95,
			default: "Dossier",
			match: txt,
			onclick() {
				ward_admin.find_dossier(txt.trim());
			},
		});
	}
};

// Enter takes the first option: finding the dossier comes first (a code, a citizen ID, a name),
// unless the text names a screen ("Lịch làm việc"), whose link then stays first. Frappe's global
// search of every record follows.
const fold = (text) =>
	(text || "")
		.replace(/<[^>]*>/g, "")
		.normalize("NFD")
		.replace(/[\u0300-\u036f]/g, "")
		.replace(/đ/gi, "d")
		.toLowerCase()
		.trim();
const build_options = frappe.search.AwesomeBar.prototype.build_options;
frappe.search.AwesomeBar.prototype.build_options = function (txt) {
	const options = build_options.call(this, txt);
	const dossier = this.options.find((option) => option.default === "Dossier");
	if (dossier) {
		const typed = fold(txt);
		const screen = options.find((option) => fold(__(option.label || option.value)).startsWith(typed));
		dossier.index = screen ? screen.index - 0.01 : 101;
		const global = this.options.find((option) => option.default === "Search");
		if (global) global.index = Math.min(global.index, dossier.index - 0.01);
	}
	return options;
};
