"""The app's Vietnamese corrects Frappe's where staff meet it on the counter's screens (issue "The
counter in seconds"): a correction in our translation file, which Frappe reads after its own."""

from frappe.translate import get_full_dict


def test_the_print_button_and_the_save_toast_read_right(site):
	words = get_full_dict("vi")
	# the form's menu translates its labels twice: "Print" must not become a key of another row
	assert words["Print"] == "In phiếu" and "In phiếu" not in words
	assert words["Saved"] == "Đã lưu"


def test_money_and_times_read_as_a_vietnamese_office_writes_them(site):
	import frappe

	from ward_admin.setup.wizard import localise_formats

	localise_formats()  # what the wizard's completion and patch v0_4 set
	settings = frappe.get_single("System Settings")
	assert (settings.time_format, settings.date_format, settings.currency_precision) == (
		"HH:mm",
		"dd-mm-yyyy",
		"0",
	)
	assert frappe.db.get_value("Currency", "VND", ["symbol", "symbol_on_right"]) == ("₫", 1)
	# every amount of the app is whole đồng, in the form and on the server
	for doctype, fieldname in (
		("Dossier", "fee_amount"),
		("Fee Receipt", "amount"),
		("Administrative Procedure", "fee_amount"),
		("Procedure Fee Rule", "amount"),
	):
		df = frappe.get_meta(doctype).get_field(fieldname)
		assert df.precision == "0", (doctype, fieldname)
		assert frappe.format_value(1250000, df) == "1.250.000 ₫"


def test_the_history_names_states_in_the_readers_language(site):
	import json

	import frappe

	from ward_admin.permissions.routes import translate_version_data

	data = json.dumps(
		{
			"changed": [
				["status", "Processing", "Awaiting Supplement"],
				["channel", None, "Direct"],
				["status_code", 4, 5],
			],
			# the control sheet's first step completed by its holder
			"row_changed": [
				["steps", 0, "row-name", [["holder", None, "Administrator"], ["timeliness", None, "Early"]]]
			],
		}
	)
	frappe.local.lang = "vi"
	try:
		diff = json.loads(translate_version_data(data, "Dossier"))
	finally:
		frappe.local.lang = "en"
	assert diff["changed"] == [
		["status", "Đang xử lý", "Yêu cầu bổ sung"],
		["channel", "(trống)", "Trực tiếp"],
		["status_code", 4, 5],
	]
	assert diff["row_changed"][0][3] == [
		["holder", "(trống)", "Administrator"],
		["timeliness", "(trống)", "Trước hạn"],
	]
