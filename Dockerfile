# The production image: web (gunicorn), worker and beat all run it; docker-compose.yml wires
# them to PostgreSQL and Redis and runs the migrations once, as their own service. See
# docs/operations.md.
FROM python:3.12-slim

# The code runs from /app, where templates/ and static/ live beside it (PYTHONPATH puts it
# first), so the project itself is not pip-installed: only its pinned dependencies are.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

WORKDIR /app
RUN useradd --system --no-create-home --home-dir /app alliance

# Dependencies first, from the runtime lock file alone (the whole tree pinned, every file's hash
# checked, as `make install` does): this layer is rebuilt only when the lock changes, not on
# every change of the code.
COPY requirements/base.lock requirements/base.lock
RUN pip install --require-hashes -r requirements/base.lock

COPY . .

# The translation catalogs (.po) compile into the .mo files Django reads; without them every
# page is in English whatever the language. Babel compiles them, no GNU gettext needed.
RUN python scripts/compile-messages \
    && test -s locale/zh_Hans/LC_MESSAGES/django.mo

# Static files are collected into the image and served by WhiteNoise. This key only lets the
# settings load with DEBUG off; the containers get the real SECRET_KEY from their environment.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v 0

USER alliance
EXPOSE 8000
CMD ["gunicorn", "config.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
