# The production image: the portal's code, its pinned dependencies, compiled assets and the
# system libraries WeasyPrint needs. The same image runs web, worker and beat.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY assets assets
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/srv/var MEDIA_ROOT=/srv/uploads
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
       libharfbuzz0b libharfbuzz-subset0 fonts-liberation fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv/app
COPY pyproject.toml ./
RUN pip install --no-cache-dir . && useradd --create-home portal
COPY . .
COPY --from=assets /build/static/build static/build
RUN DEBUG=false SECRET_KEY=build-only python manage.py collectstatic --no-input \
    && mkdir -p /srv/var /srv/uploads && chown -R portal /srv/var /srv/uploads
USER portal
EXPOSE 8000
CMD ["gunicorn", "coproduction.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
