"""The browser sweep's rules for English words and foreign number formats (tests/screens.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from screens import english_words, foreign_numbers


@pytest.mark.parametrize(
	"text, english",
	[
		("Choose a color", ["Choose", "color"]),
		("Giao By", ["By"]),
		("All Days", ["All", "Days"]),
		("Vòng Robin", ["Robin"]),
		("Đừng Override Status", ["Override", "Status"]),
		(
			"Not allowed via controller permission check",
			["Not", "allowed", "controller", "permission", "check"],
		),
		("Staff KPI lists HR-EMP-00002", ["Staff", "lists"]),
		("Get PDF", ["Get"]),
		("Applicant {applicant_name} received", ["Applicant", "received"]),  # only braces are names
	],
)
def test_english_is_found(text, english):
	assert english_words(text) == english


@pytest.mark.parametrize(
	"text",
	[
		"Hồ sơ được giao cho tôi",
		"In phiếu tiếp nhận (mẫu 01)",
		"Mã hồ sơ, số CCCD hoặc họ tên",
		"STT · UBND Phường Văn An · Email mới",
		"Ngày nghỉ trong tuần: Thứ Bảy, Chủ nhật",
		"khuya nghieng quyen truong giao nhan trong theo xin sinh",  # unaccented Vietnamese
		"Biên lai EBL01 ký hiệu 26TAB số 0000012",  # codes with digits are data
		"motcua@vanan.example.vn đã sửa /app/dossier/000.00.01.H26-260302-0001",
		"Administrator đã tạo",
		"Lĩnh vực HT, BTXH; Thông tư 85/2019/TT-BTC; Quyết định 766/QĐ-TTg",  # abbreviations
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM - GIẤY TIẾP NHẬN HỒ SƠ VA HEN TRA",  # a printed heading
		"Biên lai BL-2026-0000012, kỳ TD-2026-00001, bút toán ACC-JV-2026-00006",  # codes
		"Tìm kiếm (Ctrl + G), quét mã rồi nhấn Enter",  # keys
		"Chỉ điền các chỗ: {dossier}, {applicant_name}, {appointment_at}",  # a template's placeholders
	],
)
def test_vietnamese_is_not_english(text):
	assert english_words(text) == []


@pytest.mark.parametrize(
	"text, foreign",
	[
		("Tỷ lệ 0.41", ["0.41"]),
		("16.67 và 500.00", ["16.67", "500.00"]),
		("Đúng hạn 100,000%", ["100,000%"]),
		("Thời gian thực hiện: 0.035571 giây", ["0.035571"]),
		("18.18%", ["18.18"]),
		("trung bình 0.5 ngày", ["0.5"]),
	],
)
def test_foreign_number_formats_are_found(text, foreign):
	assert foreign_numbers(text) == foreign


@pytest.mark.parametrize(
	"text",
	[
		"18,18%",
		"100,00%",
		"10.000 ₫",
		"1.234.567",
		"0,5 ngày",
		"Thủ tục 1.004873",  # a national procedure code
		"000.00.01.H26-260302-0001",  # a dossier code
		"07:30 – 11:30, 06-12-2026",
	],
)
def test_vietnamese_numbers_are_not_foreign(text):
	assert foreign_numbers(text) == []
