"""Frappe's Report, with one fault corrected: a script report that raises no longer turns itself
into a prepared (queued) report for everyone.

`Report.execute_script_report` arms a 15-second timer that marks the report "prepared" if the run
is slow, and cancels it when the run returns; when the run raises (a reversed period, a ward the
reader may not read: a 417 or 403 in a second), the timer is never cancelled and fires anyway.
One officer's typo would then send every later run of the Service Index to the background queue.
"""

import threading

from frappe.core.doctype.report.report import Report, enable_prepared_report


class WardReport(Report):
	def execute_script_report(self, filters):
		before = set(threading.enumerate())
		try:
			return super().execute_script_report(filters)
		except Exception:
			for thread in set(threading.enumerate()) - before:
				if (
					isinstance(thread, threading.Timer)
					and thread.function is enable_prepared_report
					and thread.kwargs.get("report") == self.name
				):
					thread.cancel()
			raise
