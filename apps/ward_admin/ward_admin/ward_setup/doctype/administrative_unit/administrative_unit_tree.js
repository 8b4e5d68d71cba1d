frappe.treeview_settings["Administrative Unit"] = {
	breadcrumb: "Ward Setup",
	title: __("Administrative Units"),
	get_tree_root: false,
	root_label: __("All Administrative Units"),
	get_tree_nodes: "frappe.desk.treeview.get_children",
	ignore_fields: ["parent_administrative_unit"],
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
