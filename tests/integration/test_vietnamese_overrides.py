"""The app's Vietnamese corrects Frappe's where staff meet it on the counter's screens (issue "The
counter in seconds"): a correction in our translation file, which Frappe reads after its own."""

from frappe.translate import get_full_dict


def test_the_print_button_and_the_save_toast_read_right(site):
	words = get_full_dict("vi")
	# the form's menu translates its labels twice: "Print" must not become a key of another row
	assert words["Print"] == "In phiếu" and "In phiếu" not in words
	assert words["Saved"] == "Đã lưu"
