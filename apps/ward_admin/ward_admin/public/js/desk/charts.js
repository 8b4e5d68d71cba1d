// Frappe Charts on pages staff leave quickly, and numbers in the site's format.

// Frappe Charts, as Frappe ships it, fails in three ways on pages staff leave quickly:
// - a chart whose container is hidden (a workspace or report the user has just left) is laid out
//   with a negative width, or NaN before it is laid out, which the browser refuses ("<rect>
//   attribute width: A negative value", "<svg> attribute width: Expected length, "NaN"");
// - a redraw on resize during its 250 ms update animation (its picture is then swapped for an
//   animated copy) fails ("removeChild … not a child of this node", frappe/charts#368);
// - a chart replaced by a newer one on the same container keeps redrawing, off the page, on every
//   resize.
// Every chart's class shares one base: the first chart made finds it (a chart drawn once off
// screen) and three small guards go on it: a hidden chart is laid out one pixel wide until its
// container shows (its own resize observer then draws it at its real width), a redraw during the
// animation waits for its end, and a replaced chart stops watching the page.
const FrappeChart = frappe.Chart;
const CHART_ANIMATION_MS = 250;
let charts_guarded = false;

function guard_charts() {
	charts_guarded = true;
	const probe = $('<div style="position: absolute; left: -10000px; top: 0; width: 400px">').appendTo("body");
	const chart = new FrappeChart(probe[0], { type: "bar", data: { labels: ["·"], datasets: [{ values: [1] }] } });
	chart.destroy();
	probe.remove();
	const base = Object.getPrototypeOf(Object.getPrototypeOf(chart).constructor.prototype);
	const update_width = base.updateWidth;
	base.updateWidth = function () {
		update_width.call(this);
		if (!(this.width > 0)) {
			// a container not laid out yet measures NaN: the margins are then the chart's own
			let extra = this.baseWidth - this.width;
			if (!Number.isFinite(extra)) {
				const { margins = {}, paddings = {} } = this.measures || {};
				extra = [margins.left, margins.right, paddings.left, paddings.right].reduce((a, b) => a + (Number(b) || 0), 0);
			}
			this.width = 1;
			this.baseWidth = 1 + extra;
		}
	};
	// a legend reads whole ("Tỷ lệ thanh toán trực tuyến", not "Tỷ lệ thanh toá…"): each label takes
	// the room it needs on its row instead of Frappe Charts' 150 pixels cut at 18 letters
	base.renderLegend = function (datasets) {
		this.legendArea.textContent = "";
		const truncate = this.config.truncateLegends;
		this.config.truncateLegends = 0;
		let x = 0;
		let y = 0;
		datasets.forEach((dataset, index) => {
			const legend = this.makeLegend(dataset, index, x, y);
			this.legendArea.appendChild(legend);
			const width = legend.getBBox().width + 24;
			if (x > 0 && x + width > this.width) {
				x = 0;
				y += this.config.legendRowHeight;
				legend.setAttribute("transform", `translate(0, ${y + 5})`);
			}
			x += width;
		});
		this.config.truncateLegends = truncate;
	};
	const draw = base.draw;
	base.draw = function (...args) {
		if (this.container && !this.parent.contains(this.container)) {
			this.destroy();
			return;
		}
		if (this.svg && this.svg.parentNode !== this.container) {
			clearTimeout(this.redraw_after_animation);
			this.redraw_after_animation = setTimeout(() => this.draw(...args), CHART_ANIMATION_MS + 50);
			return;
		}
		return draw.apply(this, args);
	};
}

// Numbers a chart writes (its axis, its tooltips) in the site's format, whole numbers without
// decimals: "0,5" and "16,67", not "0.5" and "16.67"; a count's axis "500", not "500.00".
function chart_number(value) {
	const match = typeof value === "number" ? [null, String(value), ""] : /^(-?\d+(?:\.\d+)?)(\s*\D*)$/.exec(value);
	if (!match) return value;
	const number = Number(match[1]);
	const decimals = Number.isInteger(number) ? 0 : Math.min(2, (match[1].split(".")[1] || "").length);
	return format_number(number, null, decimals) + match[2];
}

frappe.Chart = function (parent, options = {}) {
	if (!charts_guarded) guard_charts();
	const axis = options.axisOptions || {};
	const format_axis = axis.numberFormatter;
	// Frappe Charts formats the axis only when it shortens its numbers
	options.axisOptions = {
		...axis,
		shortenYAxisNumbers: 1,
		numberFormatter: (value) => chart_number(format_axis ? format_axis(value) : value),
	};
	const tooltip = options.tooltipOptions || {};
	const format_tooltip = tooltip.formatTooltipY;
	options.tooltipOptions = {
		...tooltip,
		formatTooltipY: (value) => chart_number(format_tooltip ? format_tooltip(value) : value),
	};
	return new FrappeChart(parent, options);
};
