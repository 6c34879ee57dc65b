"""The shared kernel: the User and the audit log, roles, domain errors, money, the review state
machine, page helpers, charts and the API's project-wide parts. It imports no app; the project's
wiring (settings, URL confs, Celery app, WSGI/ASGI) is the composition root in `config/`."""
