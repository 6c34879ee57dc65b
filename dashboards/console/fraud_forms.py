"""The console's fraud queue: its filters, the bulk decision and one flag's clear and confirm."""

from django import forms
from django.utils.translation import gettext_lazy as _

from fraud.models import Flag, Rule
from fraud.selectors.review import ANY
from fraud.services.review import BULK_MAX, note_clean

from ..forms import ServiceForm
from ..pickers import promoter_picker

NOTE_MAX = 2000


class FlagFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[*Flag.Status.choices, (ANY, _("Any"))],
    )
    rule = forms.ChoiceField(
        label=_("Rule"), required=False, choices=[("", _("Any")), *Rule.choices]
    )
    severity = forms.ChoiceField(
        label=_("Severity"), required=False, choices=[("", _("Any")), *Flag.Severity.choices]
    )
    merchant = forms.IntegerField(label=_("Merchant id"), required=False, min_value=1)
    promoter = promoter_picker(required=False, as_pk=True)
    older_than_days = forms.IntegerField(
        label=_("Older than (days)"), required=False, min_value=0, max_value=3650
    )
    created_after = forms.DateField(
        label=_("Raised from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    created_before = forms.DateField(
        label=_("Raised before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class NoteForm(ServiceForm):
    def clean_note(self):
        return note_clean(self.cleaned_data["note"])


class FlagBulkForm(NoteForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("clear", _("Clear: not fraud")), ("confirm", _("Confirm as fraud"))],
    )
    ids = forms.TypedMultipleChoiceField(label=_("Flags"), coerce=int, choices=[])
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Required to confirm."),
    )
    suspend = forms.BooleanField(label=_("Suspend the promoters too"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the service reports each unknown one in its results.
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in raw if str(v).isdigit() and len(v) < 19]

    def clean_ids(self):
        ids = self.cleaned_data["ids"]
        if len(set(ids)) > BULK_MAX:
            raise forms.ValidationError(
                _("Decide at most %(count)d flags at once.") % {"count": BULK_MAX}
            )
        return ids


class ClearForm(NoteForm):
    # The flag page shows both forms, each with a note: their fields need ids of their own.
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "clear_%s")
        super().__init__(*args, **kwargs)

    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: why it is not fraud."),
    )


class ConfirmForm(NoteForm):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "confirm_%s")
        super().__init__(*args, **kwargs)

    note = forms.CharField(
        label=_("Reason"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required: the promoter's voided commissions carry it."),
    )
    suspend = forms.BooleanField(label=_("Suspend the promoter too"), required=False)
