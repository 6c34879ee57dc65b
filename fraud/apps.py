from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FraudConfig(AppConfig):
    name = "fraud"
    verbose_name = _("Traffic quality and fraud")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from alliance.tokens import token_obtained
        from commissions.signals import orders_applied

        from .services.sightings import sighting_on_sign_in
        from .tasks import check_orders_soon

        # The order rules run on every applied batch of order events (docs/fraud.md).
        orders_applied.connect(check_orders_soon, dispatch_uid="fraud.check_orders")
        # Sign-ins on the pages (and the admin) and on the API record their network.
        user_logged_in.connect(sighting_on_sign_in, dispatch_uid="fraud.sighting.pages")
        token_obtained.connect(sighting_on_sign_in, dispatch_uid="fraud.sighting.api")
