from frappe import _

from ward_admin import arguments

TIMESPANS = ("Last Year", "Last Quarter", "Last Month", "Last Week", "Select Date Range")
TIME_INTERVALS = ("Yearly", "Quarterly", "Monthly", "Weekly", "Daily")


def dossier_conditions(filters, fields: tuple[str, ...]) -> list[list]:
	"""A chart's filter values (the fields its dialog offers) as get_list conditions on Dossier."""
	values = arguments.json_value(filters, _("Filters"))
	return [["Dossier", field, "=", values[field]] for field in fields if values.get(field)]
