"""The leader's ratio cards: a Custom HTML Block of the Service Indicators workspace.

Frappe's Number Cards count or sum; they cannot show a ratio with its numerator and denominator
and its change since last month. The block asks `ward_admin.indicators.dashboard.rate_cards`
for the reader's own units and draws the four cards and the unit's rank. Frappe keeps Custom
HTML Blocks as records, not module files, so the app creates its block on install and migrate
when it is missing, and leaves an admin's edits of it alone.
"""

import frappe

BLOCK = "Service Index Cards"

HTML = """<div class="ward-rates">
	<div class="ward-rates-head"><span class="ward-rates-period"></span><span class="ward-rates-rank"></span></div>
	<div class="ward-rates-grid"></div>
</div>"""

STYLE = """.ward-rates { padding: 4px 0; }
.ward-rates-head { display: flex; justify-content: space-between; color: var(--text-muted); font-size: 13px; margin-bottom: 8px; }
.ward-rates-rank { font-weight: 600; color: var(--text-color); }
.ward-rates-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(210px, 1fr)); gap: 12px; }
.ward-rate { border: 1px solid var(--border-color); border-radius: 8px; padding: 12px 14px; background: var(--card-bg); }
.ward-rate-label { font-size: 13px; color: var(--text-muted); }
.ward-rate-value { font-size: 26px; font-weight: 600; margin: 4px 0; }
.ward-rate-parts { font-size: 12px; color: var(--text-muted); }
.ward-rate-change.up { color: var(--green-600); }
.ward-rate-change.down { color: var(--red-600); }"""

SCRIPT = """frappe.xcall("ward_admin.indicators.dashboard.rate_cards").then((data) => {
	const esc = frappe.utils.escape_html;
	const pct = (value) => (value === null || value === undefined ? "–" : format_number(value, null, 2) + "%");
	root_element.querySelector(".ward-rates-period").textContent = data.period;
	if (data.rank) {
		root_element.querySelector(".ward-rates-rank").textContent = data.rank.text;
	}
	root_element.querySelector(".ward-rates-grid").innerHTML = data.cards
		.map((card) => {
			const change = card.change === null ? "" : `<span class="ward-rate-change ${card.change >= 0 ? "up" : "down"}">
				${card.change >= 0 ? "▲" : "▼"} ${format_number(Math.abs(card.change), null, 2)} ${esc(card.change_label)}</span>`;
			return `<div class="ward-rate" data-rate="${card.key}">
				<div class="ward-rate-label">${esc(card.label)}</div>
				<div class="ward-rate-value">${pct(card.rate)}</div>
				<div class="ward-rate-parts">${esc(card.numerator_label)}: ${card.numerator} / ${esc(card.denominator_label)}: ${card.denominator}</div>
				<div class="ward-rate-parts">${change}</div>
			</div>`;
		})
		.join("");
});"""


def ensure_rate_cards_block() -> None:
	if frappe.db.exists("Custom HTML Block", BLOCK):
		return
	block = frappe.get_doc(
		{"doctype": "Custom HTML Block", "html": HTML, "style": STYLE, "script": SCRIPT, "private": 0}
	)
	block.name = BLOCK
	block.flags.name_set = True
	block.insert(ignore_permissions=True, set_name=BLOCK)
