# syntax=docker/dockerfile:1
# Production image: gunicorn serves the app, whitenoise serves the collected static files.
# The same image runs the Celery worker and beat (see docker-compose.yml).

# --- Front end: GOV.UK Frontend compiled from Sass with Arial into static/build/ ---
FROM node:20-bookworm-slim AS frontend
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY scripts/ scripts/
COPY static/src/ static/src/
RUN npm run build

# --- Application ---
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PRIVATE_MEDIA_ROOT=/app/private-media

# WeasyPrint draws PDFs through Pango and HarfBuzz; Liberation Sans stands in for Arial.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

# Dependencies before the code, so a code change does not reinstall them: exactly the versions
# in the production lock file, checked against their hashes (no dev tools).
COPY requirements/prod.txt /tmp/requirements.txt
RUN pip install --require-hashes --no-deps -r /tmp/requirements.txt && rm /tmp/requirements.txt

WORKDIR /app
COPY . .
COPY --from=frontend /build/static/build/ static/build/

# Production settings refuse to load without SECRET_KEY and ALLOWED_HOSTS. These dummies exist
# for this one step only (collectstatic needs neither); the real ones come at run time.
RUN SECRET_KEY=collectstatic-at-build-time-only-this-is-not-a-real-secret-key-0000 \
    ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --no-input

# Uploads live in a volume at /app/private-media; the app user may write there and nowhere else.
RUN useradd --system --user-group --uid 10001 --home-dir /app --no-create-home app \
    && mkdir -p /app/private-media \
    && chown app:app /app/private-media
USER app

EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--no-control-socket", "--workers", "3", "--limit-request-line", "4094", "--limit-request-fields", "100", "--limit-request-field_size", "8190"]
