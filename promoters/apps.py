from django.apps import AppConfig


class PromotersConfig(AppConfig):
    name = "promoters"
    verbose_name = "Promoters and links"
