from django import forms
from django.utils.translation import gettext_lazy as _

from alliance.errors import AllianceError


class SignupForm(forms.Form):
    username = forms.RegexField(
        label=_("Username"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only."),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=128)

    def run_service(self, service, **kwargs):
        """Call a sign-up service; a domain error lands next to its field, nothing is saved."""
        try:
            return service(**self.cleaned_data, **kwargs)
        except AllianceError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
            return None
