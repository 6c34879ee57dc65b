"""The promoter's channels (推广位, /promoter/channels/): the page, and one view per action its
forms post (add a channel, create the default one, rename, make default, delete). A success
redirects to the page; an error re-renders it with the message next to the field (status 400)."""

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.errors import AllianceError
from alliance.pages import promoter_page
from promoters import services
from promoters.models import Channel

from .forms import ChannelForm, ChannelRenameForm


def _page(request, *, create_form=None, rename_form=None, renamed_pk=None, failed=False):
    rows = request.promoter.channels.annotate(links_count=Count("links")).order_by(
        "-is_default", "name", "pk"
    )
    context = {
        "channels": rows,
        "create_form": ChannelForm(prefix="new") if create_form is None else create_form,
        "rename_form": rename_form,
        "renamed_pk": renamed_pk,
    }
    return render(request, "promoter/channels.html", context, status=400 if failed else 200)


def _own_channel(request, pk: int) -> Channel:
    return get_object_or_404(Channel, promoter=request.promoter, pk=pk)


@promoter_page
def channels(request):
    """List, create, rename, make default and delete channels (推广位)."""
    if request.method == "POST":
        return _page_post(request)
    return _page(request)


@promoter_page
@require_POST
def channel_create(request):
    promoter = request.promoter
    form = ChannelForm(request.POST, prefix="new")
    if form.is_valid() and form.run_service(
        services.channel_save,
        channel=Channel(
            promoter=promoter, is_default=not promoter.channels.exists(), **form.cleaned_data
        ),
    ):
        messages.success(request, _("Channel added."))
        return redirect("promoter-channels")
    return _page(request, create_form=form, failed=True)


@promoter_page
@require_POST
def channel_create_default(request):
    """The first channel, named Default; the link builder offers it when there is none."""
    promoter = request.promoter
    if not promoter.channels.exists():
        services.channel_save(
            channel=Channel(promoter=promoter, name=services.DEFAULT_CHANNEL_NAME, is_default=True)
        )
        messages.success(request, _("Your default channel is ready."))
    if request.POST.get("next") == "link-new":
        return redirect("promoter-link-new")
    return redirect("promoter-channels")


@promoter_page
@require_POST
def channel_rename(request, pk: int):
    channel = _own_channel(request, pk)
    form = ChannelRenameForm(request.POST, prefix=f"rename-{channel.pk}")
    if form.is_valid():
        channel.name = form.cleaned_data["name"]
        if form.run_service(services.channel_save, channel=channel):
            messages.success(request, _("Channel renamed."))
            return redirect("promoter-channels")
    return _page(request, rename_form=form, renamed_pk=channel.pk, failed=True)


@promoter_page
@require_POST
def channel_make_default(request, pk: int):
    channel = _own_channel(request, pk)
    services.channel_set_default(channel=channel)
    messages.success(request, _("%(name)s is now your default channel.") % {"name": channel.name})
    return redirect("promoter-channels")


@promoter_page
@require_POST
def channel_delete(request, pk: int):
    channel = _own_channel(request, pk)
    try:
        services.channel_delete(channel=channel)
    except AllianceError as exc:
        messages.error(request, exc.message)
        return _page(request, failed=True)
    messages.success(request, _("Channel deleted."))
    return redirect("promoter-channels")


# The forms posted to the page itself, as before each action had its own URL, by their
# hidden `action`; a channel's own actions name the channel in the hidden `channel`.
PAGE_POSTS = {"create": channel_create, "default_channel": channel_create_default}
CHANNEL_POSTS = {
    "rename": channel_rename,
    "default": channel_make_default,
    "delete": channel_delete,
}


def _page_post(request):
    action = request.POST.get("action")
    if action in PAGE_POSTS:
        return PAGE_POSTS[action](request)
    chosen = str(request.POST.get("channel") or "")
    if not chosen.isdigit():
        raise Http404
    channel = _own_channel(request, int(chosen))
    if action not in CHANNEL_POSTS:
        raise Http404
    return CHANNEL_POSTS[action](request, pk=channel.pk)
