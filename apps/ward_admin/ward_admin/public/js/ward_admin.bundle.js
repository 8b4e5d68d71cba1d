// Corrections to Frappe's desk that staff of a Vietnamese ward meet on every screen: small
// overrides of Frappe's own functions, never copies of them.
// Every override of Frappe, here and elsewhere, is listed with why in ward_admin/framework.py.
// Each file below holds one kind of correction.

import "./desk/controls.js";
import "./desk/names.js";
import "./desk/forms.js";
import "./desk/search.js";
import "./desk/charts.js";
import "./desk/reports.js";
