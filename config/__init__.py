"""The composition root: settings, the root URL confs, the Celery app, WSGI and ASGI. It wires
every app into one site and one worker; nothing in the apps or the kernel imports it."""

from .celery import app as celery_app

__all__ = ("celery_app",)
