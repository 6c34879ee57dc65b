from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The web dashboards of each role: pages on top of every other app, imported by none."""

    name = "dashboards"
    verbose_name = "Dashboards"
