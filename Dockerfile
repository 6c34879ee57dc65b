# The production image: web (gunicorn), worker and beat all run it; docker-compose.yml wires
# them to PostgreSQL and Redis. See docs/operations.md.
FROM python:3.12-slim

# The code runs from /app, where templates/ and static/ live beside it (PYTHONPATH puts it
# first); `pip install .` brings the pinned dependencies.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

WORKDIR /app
COPY . .
RUN pip install . && useradd --system --no-create-home --home-dir /app alliance

# Static files are collected into the image and served by WhiteNoise. This key only lets the
# settings load with DEBUG off; the containers get the real SECRET_KEY from their environment.
RUN DEBUG=0 SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput -v 0

USER alliance
EXPOSE 8000
CMD ["gunicorn", "alliance.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
