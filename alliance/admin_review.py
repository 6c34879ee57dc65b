"""Approve / reject / suspend actions for the Django admin, with a reason form in between."""

from django import forms
from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.errors import AllianceError
from alliance.models import ReviewStatus


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


def review_action(status: str, label: str, service):
    """An admin action that moves each selected row through `service`, asking for a reason
    first (required for rejections and suspensions). One bad row does not stop the rest."""

    def action(modeladmin, request, queryset):
        if "apply" not in request.POST:
            return TemplateResponse(
                request,
                "admin/review_reason.html",
                {
                    **modeladmin.admin_site.each_context(request),
                    "title": label,
                    "objects": queryset,
                    "form": ReasonForm(),
                    "action": request.POST["action"],
                    "opts": modeladmin.model._meta,
                    "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
                },
            )
        form = ReasonForm(request.POST)
        form.is_valid()
        done = 0
        for obj in queryset:
            try:
                service(
                    obj, status=status, reviewer=request.user, reason=form.cleaned_data["reason"]
                )
                done += 1
            except AllianceError as exc:
                modeladmin.message_user(request, f"{obj}: {exc.message}", messages.ERROR)
        if done:
            modeladmin.message_user(request, _("%(count)d updated.") % {"count": done})
        return None

    action.short_description = label
    action.__name__ = f"review_{status}"
    return action


def review_actions(service) -> list:
    return [
        review_action(ReviewStatus.APPROVED, gettext_lazy("Approve selected"), service),
        review_action(
            ReviewStatus.REJECTED, gettext_lazy("Reject selected (with reason)"), service
        ),
        review_action(
            ReviewStatus.SUSPENDED, gettext_lazy("Suspend selected (with reason)"), service
        ),
    ]
