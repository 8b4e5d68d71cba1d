"""The synthetic province's people: its staff users (in bulk) and the names applicants and staff
are drawn from."""

from __future__ import annotations

import random
from datetime import datetime

import frappe

STAFF_DOMAIN = "tonghop.example"  # a reserved domain (RFC 2606): nothing is ever delivered there
# role, e-mail prefix, people per 15 staff
STAFF_PLAN = (
	("One-Stop Officer", "motcua", 4),
	("Specialist", "chuyenmon", 6),
	("Ward Leader", "lanhdao", 2),
	("Ward Admin", "quantri", 1),
	("Emulation Officer", "thidua", 1),
	("Inspector", "thanhtra", 1),
)

FAMILY_NAMES = (
	"Nguyễn Nguyễn Nguyễn Nguyễn Trần Trần Lê Lê Phạm Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô "
	"Dương Lý Đinh Trịnh Mai Cao Lương Tạ"
).split()
MIDDLE_NAMES = (
	"Văn Đức Minh Quang Hữu Công Thành Ngọc".split(),
	"Thị Thị Thị Thu Ngọc Thanh Minh Kim".split(),
)
GIVEN_NAMES = (
	"An Bình Cường Dũng Duy Hải Hiếu Hòa Hùng Huy Khánh Khoa Long Minh Nam Nghĩa Phong Phúc Quân "
	"Sơn Tài Thắng Thành Trung Tuấn Tùng Việt Vinh".split(),
	"An Anh Chi Dung Giang Hà Hạnh Hằng Hiền Hoa Hồng Hương Lan Linh Loan Mai My Nga Ngân Nhung "
	"Oanh Phương Quỳnh Tâm Thảo Thủy Trang Vân Yến".split(),
)


def staff_counts(staff_per_unit: int) -> list[tuple[str, str, int]]:
	"""(role, e-mail prefix, people) of one unit: at least one per role, Specialists take the rest."""
	staff_per_unit = max(staff_per_unit, len(STAFF_PLAN))
	counts = [
		(role, prefix, max(1, round(per_15 * staff_per_unit / 15)))
		for role, prefix, per_15 in STAFF_PLAN
		if role != "Specialist"
	]
	counts.insert(1, ("Specialist", "chuyenmon", max(1, staff_per_unit - sum(c[2] for c in counts))))
	return counts


def make_staff(units: list[tuple[str, str]], staff_per_unit: int) -> dict[str, dict[str, list[str]]]:
	"""Staff users of every unit (bulk, the missing ones); returns {unit: {role: [user]}}."""
	existing = set(frappe.get_all("User", filters={"name": ("like", f"%@{STAFF_DOMAIN}")}, pluck="name"))
	rng = random.Random(f"staff-{staff_per_unit}")
	now = datetime.now().replace(microsecond=0)
	users, roles, permissions = [], [], []
	staff: dict[str, dict[str, list[str]]] = {}
	for number, (code, _name) in enumerate(units, 1):
		staff[code] = {}
		for role, prefix, count in staff_counts(staff_per_unit):
			staff[code][role] = []
			for k in range(1, count + 1):
				email = f"{prefix}{k}.s{number:03d}@{STAFF_DOMAIN}"
				staff[code][role].append(email)
				if email in existing:
					continue
				female = rng.random() < 0.5
				first = f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES[female])}"
				last = rng.choice(GIVEN_NAMES[female])
				std = (now, now, "Administrator", "Administrator")
				users.append(
					(email, *std, email, first, last, f"{first} {last}", "Female" if female else "Male")
				)
				roles.append((frappe.generate_hash(length=10), *std, email, "User", "roles", 1, role))
				permissions.append(
					(frappe.generate_hash(length=10), *std, email, "Administrative Unit", code, 1)
				)
	std_fields = ["creation", "modified", "modified_by", "owner"]
	if users:
		frappe.db.bulk_insert(
			"User",
			[
				"name",
				*std_fields,
				"email",
				"first_name",
				"last_name",
				"full_name",
				"gender",
				"enabled",
				"user_type",
				"language",
				"send_welcome_email",
			],
			[(*u, 1, "System User", "vi", 0) for u in users],
			chunk_size=1000,
		)
		frappe.db.bulk_insert(
			"Has Role",
			["name", *std_fields, "parent", "parenttype", "parentfield", "idx", "role"],
			roles,
			chunk_size=1000,
		)
		frappe.db.bulk_insert(
			"User Permission",
			["name", *std_fields, "user", "allow", "for_value", "apply_to_all_doctypes"],
			permissions,
			chunk_size=1000,
		)
		# what User.after_insert makes for every real user; without it each user's first
		# notification would create it, which a live site has long done (column defaults apply)
		frappe.db.bulk_insert(
			"Notification Settings",
			["name", *std_fields],
			[(u[0], *u[1:5]) for u in users],
			chunk_size=1000,
		)
	return staff
