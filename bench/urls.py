"""The platform's URLs plus a baseline: a bare Django view answering a constant 302, served by the
same process, middleware stack and settings as the redirect it is compared with."""

from django.http import HttpResponseRedirect
from django.urls import path

from config.urls import urlpatterns as alliance_urlpatterns

BASELINE_LOCATION = "https://store.example.com/item/SKU-1?ref=shop"


def baseline(request):
    return HttpResponseRedirect(BASELINE_LOCATION)


urlpatterns = [path("bench/baseline", baseline, name="bench-baseline"), *alliance_urlpatterns]
