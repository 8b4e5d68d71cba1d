frappe.treeview_settings["Administrative Unit"] = {
	breadcrumb: "Ward Setup",
	title: __("Administrative Units"),
	get_tree_root: false,
	root_label: __("All Administrative Units"),
	get_tree_nodes:
		"ward_admin.ward_setup.doctype.administrative_unit.administrative_unit.get_children",
	ignore_fields: ["parent_administrative_unit"],
	// with no root lookup and no filters Frappe never draws the tree on the first visit; the
	// root is a label, and get_children puts the reader's own top-most units under it
	onload(treeview) {
		treeview.make_tree();
	},
	fields: [
		{ fieldtype: "Data", fieldname: "unit_name", label: __("Unit Name"), reqd: 1 },
		{ fieldtype: "Data", fieldname: "unit_code", label: __("Unit Code"), reqd: 1 },
		{
			fieldtype: "Select",
			fieldname: "unit_type",
			label: __("Unit Type"),
			options: "Province\nWard\nCommune\nSpecial Zone",
			reqd: 1,
		},
		{ fieldtype: "Check", fieldname: "is_group", label: __("Is Group") },
	],
};
