"""What the forms of the pages share."""

from django import forms
from django.core.exceptions import ValidationError

from alliance.errors import AllianceError


class ServiceForm(forms.Form):
    def run_service(self, service, **kwargs):
        """Call a service; its errors land next to their fields and nothing is saved."""
        try:
            return service(**kwargs)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, messages in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
            else:
                self.add_error(None, exc.messages)
        except AllianceError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return None
