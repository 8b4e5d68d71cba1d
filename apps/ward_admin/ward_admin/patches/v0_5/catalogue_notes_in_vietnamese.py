import frappe

# The shipped catalogue's notes as the first releases wrote them, with the curator's English
# markers and references to sources an admin does not have; now plain Vietnamese
# (setup/data/procedures.json, procedure_fields.json).
REWRITES = (
	("Cần quản trị viên kiểm tra (to be verified):", "Cần quản trị viên kiểm tra:"),
	(" (to be verified)", ""),
	(
		"mức dịch vụ công trực tuyến (online_level) là đánh giá của người lập dữ liệu, không có trong domain.md — đối chiếu",
		"mức độ dịch vụ công trực tuyến là đánh giá của người lập dữ liệu, chưa có văn bản nguồn — đối chiếu",
	),
	("là kiến thức nhắc lại [R] trong domain.md", "chưa đối chiếu văn bản gốc"),
	(
		"là kiến thức nhắc lại (domain.md ghi Giấy xác nhận TTHN là [R])",
		"chưa đối chiếu văn bản gốc (kể cả Giấy xác nhận tình trạng hôn nhân)",
	),
	(
		"không có trong domain.md (mã lấy từ mã nguồn công khai ánh xạ Cổng DVCQG)",
		"lấy theo mã công khai trên Cổng Dịch vụ công quốc gia, chưa đối chiếu quyết định công bố",
	),
	("(phương án của các tỉnh [I])", "(phương án các tỉnh áp dụng)"),
	(
		"domain.md chỉ có mã thủ tục (không có thời hạn, hồ sơ)",
		"mới đối chiếu được mã thủ tục, chưa đối chiếu thời hạn và thành phần hồ sơ",
	),
	("(domain.md: đăng ký lại là việc có thu lệ phí)", "(đăng ký lại là việc có thu lệ phí)"),
	("thời hạn và hồ sơ không có trong domain.md", "thời hạn và thành phần hồ sơ chưa đối chiếu văn bản gốc"),
	("(kiến thức nhắc lại, không có trong domain.md)", "(chưa đối chiếu văn bản gốc)"),
	(
		"fee_amount = phí của bản sao 1 trang; phí thực tế tính theo fee_rules.",
		"Mức phí là phí của bản sao 1 trang; phí thực tế tính theo cách tính phí, lệ phí.",
	),
	("mức phí 30.000 đồng có trong domain.md", "mức phí 30.000 đồng cần đối chiếu văn bản gốc"),
	("mức phí 25.000 đồng có trong domain.md", "mức phí 25.000 đồng cần đối chiếu văn bản gốc"),
	("thời hạn: domain.md không nêu — đặt 02 ngày", "thời hạn chưa có văn bản nguồn — đặt 02 ngày"),
	("thủ tục không có trong domain.md", "thủ tục chưa đối chiếu quyết định công bố"),
	(
		"domain.md nêu mức 50.000 đồng/di chúc theo danh mục một tỉnh dẫn Nghị định 280/2025 [I], không nêu thời hạn",
		"mức 50.000 đồng/di chúc theo danh mục một tỉnh dẫn Nghị định 280/2025, chưa có thời hạn",
	),
	("lấy từ một trang thủ tục mẫu (domain.md §3: 'none (example page)')", "lấy từ một trang thủ tục mẫu"),
	("field_code là mã ngắn nội bộ", "Mã lĩnh vực là mã ngắn nội bộ"),
	(" (domain.md §6)", ""),
	(" (domain.md §4.3)", ""),
)


def rewrite(text: str) -> str:
	for old, new in REWRITES:
		text = text.replace(old, new)
	return text


def execute():
	"""Notes an admin reads on the shipped procedures and procedure fields, in Vietnamese only.
	A note an admin has rewritten holds none of the old markers and is left as it is."""
	for doctype, field in (("Administrative Procedure", "note"), ("Procedure Field", "description")):
		table = frappe.qb.DocType(doctype)
		rows = (
			frappe.qb.from_(table)
			.select(table.name, table[field])
			.where(
				table[field].like("%domain.md%")
				| table[field].like("%to be verified%")
				| table[field].like("%field_code%")
				| table[field].like("%fee_rules%")
			)
		).run()
		for name, text in rows:
			if (new := rewrite(text)) != text:
				frappe.db.set_value(doctype, name, field, new, update_modified=False)
