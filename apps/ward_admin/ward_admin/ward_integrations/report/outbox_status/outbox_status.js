// What the outbox has not delivered, by channel; the messages themselves are in the Outbox Message list.
frappe.query_reports["Outbox Status"] = {
	filters: [],
};
