// The Workflow form, for the Dossier workflow: what the province's workflow is and how it is
// reshaped, in Vietnamese, instead of Frappe's builder banner. The builder is offered to those
// who may change the workflow (the province's admins); a ward's admin reads it.
frappe.ui.form.on("Workflow", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.document_type !== "Dossier") return;
		const can_change = frm.doc.__onload?.can_change !== false;
		const builder = `/app/workflow-builder/${encodeURIComponent(frm.doc.name)}`;
		// the list it serves, named in the reader's language; the state's field is the app's own
		frm.remove_custom_button(__("Go to {0} List", [frm.doc.document_type]));
		frm.add_custom_button(__("Go to {0} List", [__(frm.doc.document_type)]), () =>
			frappe.set_route("List", frm.doc.document_type)
		);
		frm.toggle_display("workflow_state_field", false);
		frm.layout.message.empty();
		frm.layout.show_message(
			`<p>${__(
				"The dossier workflow is shared by every ward and commune of the province. Each state carries its national status code, and the code decides what happens: 2 and 4 run the legal clock, 5 and 6 pause it, 9 judges whether the dossier was early, on time or late, 3, 7, 8 and 10 close it."
			)}</p>` +
				(can_change
					? `<p>${__(
							"Draw the states and transitions in the workflow builder, or edit the tables below; give every new state its status code."
					  )}</p>
					<a class="btn btn-primary btn-sm" href="${builder}">${__("Workflow Builder")}</a>`
					: "")
		);
	},
});
