"""Every place where the app overrides Frappe, in one list, with why; and `install`, which puts
the Python wrappers in place.

A test fails when Frappe stops calling what a wrapper wraps (test_dossier_lifecycle.py: the
Workflow Action hook; test_unit_isolation.py: the query guard). Overriding less is better:
each entry below corrects something a ward's staff, a citizen's data or a client would otherwise
suffer, and calls Frappe's own code for the rest.

Python, wrapped in place (`install`, once per process):

- `frappe.model.db_query.DatabaseQuery.prepare_args` (`permissions/queries.py`): no list
  query of a user may name a personal-data column that user cannot read, in filters, sort,
  group-by or field expressions (Frappe removes such columns from plain field lists only).
- `frappe.workflow.doctype.workflow_action.workflow_action.process_workflow_actions`
  (`workflow_actions.py`): skipped for a document whose workflow asks nobody to act; it cost
  half of a dossier's receipt for nothing.
- `frappe.connect_replica` (`read_replica.py`): a replica that does not answer leaves reports on
  the primary, with a warning, instead of failing them.
- `frappe.automation.doctype.assignment_rule.assignment_rule.reopen_closed_assignment`
  (`one_stop/worklist.py`): left alone for dossiers, whose tasks follow who holds them.
- `frappe.app.handle_exception`, and the HTTP status of `QueryTimeoutError`,
  `QueryDeadlockError` (409) and `SecurityException` (429) (`errors.py`): a record another
  request holds, or a locked-out login, is the client's to retry or wait for, not a server error.

Python, through hooks.py:

- `override_doctype_class`: Report (`overrides/report.py`: a script report that raises no longer
  leaves a timer that turns it into a prepared report for everyone); File (`overrides/file.py`:
  the bytes of a unit-scoped record's file are private, whatever the upload said).
- `override_whitelisted_methods`: Frappe endpoints the desk needs but which ignore permissions
  (counts, searches, docinfo, charts, cards, trees, follows, likes, `run_doc_method`), replaced
  by checked ones with Frappe's signatures (`permissions/routes.py`).
- `standard_queries`: a link to a Dossier searches by code, applicant or citizen ID within the
  reader's units (`one_stop/doctype/dossier/search.py`).
- `auth_hooks`: the request guard, deny by default (`permissions/requests.py`).
- `permission_query_conditions` and `has_permission` for "*" (`permissions/rules.py`).

Python, the server: `wsgi.application` wraps `frappe.app.application` so that `X-Forwarded-For`
is believed only from trusted proxies; `bench ward-serve` (`commands.py`) serves it in place of
Frappe's.

JavaScript, in the desk:

- `public/js/ward_admin.bundle.js` (every desk page), one file of `public/js/desk/` per kind:
  - `controls.js`: `frappe.ui.form.ControlDatetime` (`set_description`: field help translated
    before Frappe appends the time zone, shown only to a user in another one) and
    `ControlDatetime` / `ControlTime` `set_datepicker` (times shown without seconds no longer
    break the picker: the Working Calendar's form drew nothing); `frappe.form.formatters.Percent`
    (the site's number format with two decimals, "18,18%"); the date picker's Vietnamese, which
    Frappe does not ship.
  - `names.js`: `frappe.form.link_formatters` of Workflow State, Workflow Action Master,
    Workflow, Role, Mode of Payment and DocType, `frappe.views.ListView.prototype.get_subject_text`
    and `get_column_html`, `frappe.meta.get_label` (names and labels read in the reader's language
    where Frappe prints them raw: links the reader may not open, a record's own list, a table
    row's changes in the history).
  - `forms.js`: `frappe.show_alert` / `frappe.toast` (the same alert twice at once shown once; the
    workflow's lock not toasted on dossiers), a `form-refresh` handler (configuration another unit
    owns opens read-only and says whose it is), `frappe.ui.Page.prototype.set_title` and
    `set_indicator` (the workflow builder's title and tag in Vietnamese).
  - `search.js`: `frappe.search.AwesomeBar.prototype.add_defaults` and `build_options` (the
    search bar finds a dossier, and Enter opens it unless the text names a screen).
  - `charts.js`: `frappe.Chart` and, through the first chart made, the charts' base class's
    `updateWidth`, `draw` and `renderLegend` (no negative widths when hidden, no redraw inside the
    update animation, a replaced chart stops, whole legends), and every chart's axis and tooltip
    numbers in the site's format.
  - `reports.js`: `frappe.format` (a report's total row labelled in Vietnamese),
    `frappe.views.QueryReport.prototype.show_footer_message` (its run time in the site's format)
    and `prepare_columns` (a column as wide as its heading),
    `frappe.widget.widget_factory.shortcut.prototype.set_actions` (a shortcut to a report counts
    what it lists), and `ward_admin.report_filters`, the indicator reports' shared filters.
- `public/js/print_formats.bundle.js` (every desk page): `frappe.meta.get_print_formats`
  without Frappe's generic "Standard" for staff where a doctype has forms of its own.
- `public/js/print_view.js` (hooks.py `page_js` of the "print" page):
  `frappe.ui.form.PrintView.prototype.set_default_print_format` and `selected_format`: the
  print view opens a record on its own notice (a dossier on its state's form), never "Standard".

Frappe has no "app loaded" hook. hooks.py runs `install` first in every request and background
job (`before_request`, `before_job`), `wsgi.py` when it is imported (a locked-out login is
answered before Frappe runs the `before_request` hooks), and the command-line entry points that
save dossiers (the demo loader, the benchmarks, the tests' conftest) call it themselves.
Installing twice changes nothing.
"""


def install() -> None:
	from ward_admin import errors, read_replica, workflow_actions
	from ward_admin.one_stop import worklist
	from ward_admin.permissions import queries

	queries.install()
	workflow_actions.install()
	errors.install()
	read_replica.install()
	worklist.install()
