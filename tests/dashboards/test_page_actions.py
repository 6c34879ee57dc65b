"""Each form of the console's payout queue, the promoter's payouts page, the channels page and a
link's page posts to its own action's URL: the page's forms point there, the action works there,
a success comes back to the page (with the queue's filters), an error re-renders the page, and
an action's URL takes only POST."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from payouts.models import Payout, PayoutHold
from payouts.services import payouts as services
from promoters.models import Channel

from .. import factories
from ..payouts.money import D, alipay, fund

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_actions(response) -> set[str]:
    """Where the page's own forms post (the layout's log-out and language forms left out)."""
    found = re.findall(r'<form method="post" action="([^"]+)"', response.content.decode())
    return {action for action in found if action.startswith(("/console/", "/promoter/"))}


@pytest.fixture
def console(admin_user):
    return browser(admin_user)


@pytest.fixture
def requested(promoter):
    fund(promoter, "100.00")
    return services.payout_request(promoter=promoter, method=alipay(promoter), amount=D("40.00"))


def test_the_queue_forms_post_to_their_actions_with_the_filters(console, requested):
    page = console.get("/console/payouts/?status=requested")

    assert form_actions(page) >= {
        "/console/payouts/bulk/?status=requested",
        "/console/payouts/approve/?status=requested",
        "/console/payouts/reject/?status=requested",
        "/console/payouts/export/?status=requested",
        "/console/payouts/holds/?status=requested",
    }


def test_a_row_action_at_its_url_moves_the_payout_and_returns_to_the_filtered_queue(
    console, requested
):
    approved = console.post("/console/payouts/approve/?status=requested", {"payout": requested.pk})

    assert approved.status_code == 302
    assert approved.url == "/console/payouts/?status=requested"
    requested.refresh_from_db()
    assert requested.status == Payout.Status.APPROVED

    # The URL decides the action, whatever a hidden field says.
    paid = console.post(
        "/console/payouts/mark-paid/",
        {"payout": requested.pk, "action": "reject", "reference": "R-9"},
    )
    assert (paid.status_code, paid.url) == (302, "/console/payouts/")
    requested.refresh_from_db()
    assert (requested.status, requested.reference) == (Payout.Status.PAID, "R-9")


def test_a_refused_row_action_re_renders_the_queue(console, requested):
    refused = console.post("/console/payouts/reject/", {"payout": requested.pk, "reason": ""})

    assert refused.status_code == 400
    assert refused.templates[0].name == "payouts/console.html"
    requested.refresh_from_db()
    assert requested.status == Payout.Status.REQUESTED


def test_bulk_hold_and_release_at_their_urls(console, requested, promoter):
    bulk = console.post("/console/payouts/bulk/", {"action": "approve", "ids": [requested.pk]})
    assert bulk.status_code == 302
    requested.refresh_from_db()
    assert requested.status == Payout.Status.APPROVED

    held = console.post("/console/payouts/holds/", {"promoter": promoter.pk, "reason": "Check"})
    assert held.status_code == 302
    hold = PayoutHold.objects.get(promoter=promoter, released_at__isnull=True)

    released = console.post("/console/payouts/holds/release/", {"hold": hold.pk})
    assert released.status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is not None

    assert console.post("/console/payouts/holds/release/", {"hold": "x"}).status_code == 400


def test_the_export_at_its_url_answers_the_csv(console, requested):
    console.post("/console/payouts/approve/", {"payout": requested.pk})

    exported = console.post("/console/payouts/export/", {"kind": "alipay"})

    assert exported.status_code == 200
    assert exported["Content-Type"].startswith("text/csv")
    assert console.post("/console/payouts/export/", {"kind": "cash"}).status_code == 400


@pytest.mark.parametrize(
    "name",
    [
        "console-payout-approve",
        "console-payout-reject",
        "console-payout-mark-paid",
        "console-payout-mark-failed",
        "console-payouts-bulk",
        "console-payouts-export",
        "console-payout-hold",
        "console-payout-hold-release",
        "promoter-payout-method-add",
        "promoter-payout-method-remove",
        "promoter-payout-request",
        "promoter-channel-create",
        "promoter-channel-create-default",
    ],
)
def test_an_action_url_takes_only_post(name, admin_user, promoter):
    user = admin_user if name.startswith("console") else promoter.user
    assert browser(user).get(reverse(name)).status_code == 405


def test_the_promoters_payout_forms_post_to_their_actions(promoter):
    page = browser(promoter.user)
    fund(promoter, "100.00")
    alipay(promoter)

    assert form_actions(page.get("/promoter/payouts/")) == {
        "/promoter/payouts/request/",
        "/promoter/payouts/methods/",
        "/promoter/payouts/methods/remove/",
    }

    added = page.post(
        "/promoter/payouts/methods/",
        {"method-kind": "alipay", "method-account_name": "张三", "method-account": "a@b.cn"},
    )
    assert added.status_code == 302
    method = promoter.payout_methods.get(account="a@b.cn")

    asked = page.post(
        "/promoter/payouts/request/", {"request-amount": "30.00", "request-method": method.pk}
    )
    assert (asked.status_code, asked.url) == (302, "/promoter/payouts/")
    assert Payout.objects.get(promoter=promoter).amount == D("30.00")

    too_much = page.post(
        "/promoter/payouts/request/", {"request-amount": "1000.00", "request-method": method.pk}
    )
    assert too_much.status_code == 400
    assert too_much.context["request_form"].errors

    removed = page.post("/promoter/payouts/methods/remove/", {"method": method.pk})
    assert removed.status_code == 302
    assert page.post("/promoter/payouts/methods/remove/", {"method": "x"}).status_code == 400


def test_the_channel_forms_post_to_their_actions(promoter, other_promoter):
    page = browser(promoter.user)
    default = promoter.channels.get()
    blog = factories.ChannelFactory(promoter=promoter, name="Blog")

    assert form_actions(page.get("/promoter/channels/")) == {
        f"/promoter/channels/{default.pk}/rename/",
        f"/promoter/channels/{blog.pk}/rename/",
        f"/promoter/channels/{blog.pk}/default/",
        f"/promoter/channels/{blog.pk}/delete/",
        "/promoter/channels/new/",
    }

    created = page.post("/promoter/channels/new/", {"new-name": "Group", "new-kind": "blog"})
    assert created.status_code == 302
    renamed = page.post(f"/promoter/channels/{blog.pk}/rename/", {f"rename-{blog.pk}-name": "B"})
    assert renamed.status_code == 302
    assert page.post(f"/promoter/channels/{blog.pk}/default/").status_code == 302
    assert list(promoter.channels.filter(is_default=True).values_list("name", flat=True)) == ["B"]
    assert page.post(f"/promoter/channels/{default.pk}/delete/").status_code == 302
    assert sorted(promoter.channels.values_list("name", flat=True)) == ["B", "Group"]

    blank = page.post(f"/promoter/channels/{blog.pk}/rename/", {f"rename-{blog.pk}-name": ""})
    assert blank.status_code == 400
    theirs = other_promoter.channels.get()
    assert page.post(f"/promoter/channels/{theirs.pk}/delete/").status_code == 404
    assert Channel.objects.filter(pk=theirs.pk).exists()


def test_a_promoter_without_channels_creates_the_default_at_its_url(promoter):
    promoter.channels.all().delete()
    page = browser(promoter.user)

    assert form_actions(page.get("/promoter/channels/")) >= {"/promoter/channels/default/"}
    made = page.post("/promoter/channels/default/", {"next": "link-new"})

    assert (made.status_code, made.url) == (302, "/promoter/links/new/")
    assert list(promoter.channels.values_list("name", "is_default")) == [("Default", True)]


def test_a_link_is_retired_and_revived_at_its_own_url(promoter, link):
    page = browser(promoter.user)

    assert f"/promoter/links/{link.pk}/active/" in form_actions(
        page.get(f"/promoter/links/{link.pk}/")
    )
    retired = page.post(f"/promoter/links/{link.pk}/active/", {"action": "deactivate"})
    assert (retired.status_code, retired.url) == (302, f"/promoter/links/{link.pk}/")
    link.refresh_from_db()
    assert not link.is_active
    page.post(f"/promoter/links/{link.pk}/active/", {"action": "activate"})
    link.refresh_from_db()
    assert link.is_active
