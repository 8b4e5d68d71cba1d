"""A Vietnamese text sent to citizens at a step of their dossier, by e-mail or SMS, that a province's
admin edits (ward_admin.integrations.notifications). It may name only the allow-listed placeholders
(`{dossier}`, `{appointment_at}` …), filled in by plain substitution: no template language runs."""

from frappe import _
from frappe.model.document import Document

from ward_admin.integrations import notifications


def template_name(event: str, channel: str) -> str:
	"""A template's name as its admins read it, in Vietnamese: "Đã trả kết quả (Tin nhắn SMS)"."""
	return f"{_(event, lang='vi')} ({_(channel, lang='vi')})"


class CitizenNotificationTemplate(Document):
	def autoname(self) -> None:
		self.name = template_name(self.event, self.channel)

	def validate(self) -> None:
		notifications.validate_template(self)

	def on_update(self) -> None:
		notifications.clear_template_cache()

	def on_trash(self) -> None:
		notifications.clear_template_cache()
