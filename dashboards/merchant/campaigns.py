"""Merchant pages for commission campaigns, promoters' applications to them, and coupons."""

from datetime import UTC, datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.errors import AllianceError
from alliance.models import ReviewStatus
from alliance.pages import merchant_page
from products import rules
from products.models import Campaign, Coupon, Product
from products.services import campaign_save, coupon_active_set, coupon_save
from promoters.models import CampaignApplication, Promoter
from promoters.services import campaign_application_review

PAGE_SIZE = 50
# Windows stay within 1970-2999, as the API's (alliance.api.fields.WindowDateTimeField).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(3000, 1, 1, tzinfo=UTC)


class WindowField(forms.DateTimeField):
    """A moment that opens or closes a window, typed in a `datetime-local` input."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def clean(self, value):
        moment = super().clean(value)
        if moment is not None and not EARLIEST <= moment < LATEST:
            raise forms.ValidationError(_("Give a moment between 1970 and 2999."))
        return moment


def add_service_error(form: forms.Form, exc: AllianceError) -> None:
    """Show a domain error next to its field, or above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def add_rule_errors(form: forms.Form, check, **values) -> None:
    """Run a rule of products.rules on the form's input: each refusal lands next to its field,
    unless that field is already refused for its own input."""
    try:
        check(**values)
    except AllianceError as exc:
        errors = {exc.field: [exc.message]}
    except ValidationError as exc:
        errors = exc.message_dict
    else:
        return
    for name, refusals in errors.items():
        if name not in form.errors:
            form.add_error(name, refusals)


# --- Campaigns -----------------------------------------------------------------------------------


class CampaignForm(forms.ModelForm):
    starts_at = WindowField(label=gettext_lazy("Starts"), required=False)
    ends_at = WindowField(label=gettext_lazy("Ends"), required=False)

    class Meta:
        model = Campaign
        fields = [
            "name",
            "kind",
            "rate",
            "applies_to_all_products",
            "products",
            "starts_at",
            "ends_at",
            "description",
        ]
        labels = {
            "name": gettext_lazy("Name"),
            "kind": gettext_lazy("Kind"),
            "rate": gettext_lazy("Commission rate (%)"),
            "applies_to_all_products": gettext_lazy("All products"),
            "products": gettext_lazy("Products"),
            "description": gettext_lazy("Description"),
        }
        help_texts = {
            "rate": gettext_lazy("A percentage of the sale, e.g. 15 or 12.5."),
            "products": gettext_lazy("The products the campaign covers, unless it covers all."),
        }
        widgets = {"products": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, merchant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.merchant = merchant
        # Only the merchant's own products can be chosen; another id is "not one of the choices".
        self.fields["products"].queryset = Product.objects.filter(merchant=merchant).order_by(
            "title", "pk"
        )
        self.fields["products"].required = False
        self.fields["applies_to_all_products"].help_text = _(
            "Covers the whole store instead of the chosen products."
        )

    def clean(self):
        cleaned = super().clean()
        add_rule_errors(
            self,
            rules.campaign_window_check,
            kind=cleaned.get("kind"),
            starts_at=cleaned.get("starts_at"),
            ends_at=cleaned.get("ends_at"),
        )
        if (
            "products" in cleaned
            and not cleaned.get("applies_to_all_products")
            and not cleaned.get("products")
        ):
            self.add_error("products", _("Choose products, or tick “all products”."))
        return cleaned

    def save_campaign(self) -> Campaign | None:
        """Save through the service; a refusal lands on the form and None is returned."""
        campaign = self.save(commit=False)
        try:
            return campaign_save(campaign=campaign, products=list(self.cleaned_data["products"]))
        except AllianceError as exc:
            add_service_error(self, exc)
            return None


def own_campaigns(merchant):
    return Campaign.objects.filter(merchant=merchant)


@merchant_page
def campaigns_page(request):
    """The merchant's campaigns with their pending applications, and a form for a new one."""
    form = CampaignForm(request.POST or None, merchant=request.merchant)
    if request.method == "POST" and form.is_valid():
        campaign = form.save_campaign()
        if campaign is not None:
            return redirect("merchant-campaign", pk=campaign.pk)
    campaigns = (
        own_campaigns(request.merchant)
        .annotate(
            product_count=Count("products", distinct=True),
            pending_count=Count(
                "applications",
                filter=Q(applications__status=ReviewStatus.PENDING),
                distinct=True,
            ),
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "merchant/campaigns.html",
        {"page_obj": page, "form": form},
        status=400 if form.errors else 200,
    )


class ApplicationReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            (ReviewStatus.APPROVED, gettext_lazy("Approve")),
            (ReviewStatus.REJECTED, gettext_lazy("Reject")),
        ],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (needed to reject)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def _campaign_detail(request, campaign, *, form=None, review=None, status=200):
    applications = list(
        CampaignApplication.objects.filter(campaign=campaign)
        .select_related("promoter")
        .order_by("-created_at", "-pk")[:200]
    )
    for application in applications:
        if review is not None and review[0] == application.pk:
            application.review_form = review[1]
        else:
            application.review_form = ApplicationReviewForm(prefix=f"application-{application.pk}")
    return render(
        request,
        "merchant/campaign.html",
        {
            "campaign": campaign,
            "products": campaign.products.order_by("title", "pk")[:200],
            "form": form or CampaignForm(instance=campaign, merchant=request.merchant),
            "applications": applications,
        },
        status=status,
    )


@merchant_page
def campaign_page(request, pk: int):
    """One campaign: its settings (editable), and the promoters' applications to review."""
    campaign = get_object_or_404(own_campaigns(request.merchant), pk=pk)
    if request.method == "POST":
        form = CampaignForm(request.POST, instance=campaign, merchant=request.merchant)
        if form.is_valid() and form.save_campaign() is not None:
            return redirect("merchant-campaign", pk=campaign.pk)
        # The page shows the stored campaign beside the rejected input.
        campaign = own_campaigns(request.merchant).get(pk=pk)
        return _campaign_detail(request, campaign, form=form, status=400)
    return _campaign_detail(request, campaign)


@merchant_page
@require_POST
def campaign_active(request, pk: int):
    """Deactivate a campaign (it stops covering sales) or switch it back on."""
    campaign = get_object_or_404(own_campaigns(request.merchant), pk=pk)
    campaign.is_active = request.POST.get("is_active") == "1"
    campaign_save(campaign=campaign, products=None)
    return redirect("merchant-campaign", pk=campaign.pk)


@merchant_page
@require_POST
def campaign_application(request, pk: int, application_pk: int):
    """Approve or reject one promoter's application; a rejection needs a reason."""
    campaign = get_object_or_404(own_campaigns(request.merchant), pk=pk)
    application = get_object_or_404(
        CampaignApplication.objects.filter(campaign=campaign), pk=application_pk
    )
    form = ApplicationReviewForm(request.POST, prefix=f"application-{application.pk}")
    if form.is_valid():
        try:
            campaign_application_review(
                application=application,
                status=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
            )
        except AllianceError as exc:
            add_service_error(form, exc)
        else:
            return redirect("merchant-campaign", pk=campaign.pk)
    return _campaign_detail(request, campaign, review=(application.pk, form), status=400)


# --- Coupons -------------------------------------------------------------------------------------


class CouponForm(forms.ModelForm):
    valid_from = WindowField(label=gettext_lazy("Valid from"))
    valid_until = WindowField(label=gettext_lazy("Valid until"))
    promoter_code = forms.CharField(
        label=gettext_lazy("Exclusive to the promoter with invite code"),
        required=False,
        max_length=16,
        help_text=gettext_lazy(
            "Optional. The promoter's invite code (shown on their dashboard); orders with "
            "this coupon are then attributed to them."
        ),
    )

    class Meta:
        model = Coupon
        fields = ["code", "description", "valid_from", "valid_until", "quantity"]
        labels = {
            "code": gettext_lazy("Code"),
            "description": gettext_lazy("Description"),
            "quantity": gettext_lazy("Quantity"),
        }

    def __init__(self, *args, merchant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.merchant = merchant

    def clean_code(self):
        return self.cleaned_data["code"].strip()

    def clean_promoter_code(self):
        code = self.cleaned_data["promoter_code"].strip().upper()
        if not code:
            return None
        promoter = Promoter.objects.filter(invite_code=code, status=ReviewStatus.APPROVED).first()
        if promoter is None:
            raise forms.ValidationError(_("No approved promoter has this invite code."))
        return promoter

    def clean(self):
        cleaned = super().clean()
        add_rule_errors(
            self,
            rules.coupon_window_check,
            valid_from=cleaned.get("valid_from"),
            valid_until=cleaned.get("valid_until"),
        )
        return cleaned

    def validate_unique(self):
        # The code is unique per merchant, and the merchant is not a field of the form: check
        # it here, as the API does, so the answer lands next to the code.
        add_rule_errors(
            self,
            rules.coupon_code_check,
            merchant_id=self.instance.merchant_id,
            code=self.cleaned_data.get("code"),
            pk=self.instance.pk,
        )

    def save_coupon(self) -> Coupon | None:
        coupon = self.save(commit=False)
        coupon.exclusive_promoter = self.cleaned_data.get("promoter_code")
        try:
            return coupon_save(coupon=coupon)
        except AllianceError as exc:
            if exc.field == "exclusive_promoter":
                self.add_error("promoter_code", exc.message)
            else:
                add_service_error(self, exc)
            return None


@merchant_page
def coupons_page(request):
    """The merchant's coupons, a form for a new one, and a switch to deactivate each."""
    form = CouponForm(request.POST or None, merchant=request.merchant)
    if request.method == "POST" and form.is_valid() and form.save_coupon() is not None:
        return redirect("merchant-coupons")
    coupons = (
        Coupon.objects.filter(merchant=request.merchant)
        .select_related("exclusive_promoter")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(coupons, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "merchant/coupons.html",
        {"page_obj": page, "form": form},
        status=400 if form.errors else 200,
    )


@merchant_page
@require_POST
def coupon_active(request, pk: int):
    """Deactivate a coupon (it stops attributing orders) or switch it back on."""
    coupon = get_object_or_404(Coupon.objects.filter(merchant=request.merchant), pk=pk)
    try:
        coupon_active_set(coupon=coupon, is_active=request.POST.get("is_active") == "1")
    except AllianceError as exc:
        messages.error(request, exc.message)
    return redirect("merchant-coupons")
