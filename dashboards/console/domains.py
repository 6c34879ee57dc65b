"""The console's store domain queue: the domains merchants declared, to approve, reject (with a
reason) or suspend, in the layout of the merchant and promoter queues."""

from django.utils.translation import gettext_lazy

from alliance.pages import console_page
from products.models import StoreDomain
from products.selectors import store_domains_for_review
from products.services import store_domain_review

from .views import Queue, _review_queue

DOMAINS = Queue(
    model=StoreDomain,
    template="console/domains.html",
    url_name="console-domains",
    rows=lambda status, search: store_domains_for_review(status=status, search=search),
    review=lambda obj, **kwargs: store_domain_review(domain=obj, **kwargs),
    done_message=gettext_lazy("Domain %(name)s is now %(status)s."),
)


@console_page
def domains_page(request):
    """Store domains waiting for review (or any status): approve, reject or suspend each."""
    return _review_queue(request, DOMAINS)
