# Web, worker and beat image: Python 3.11, Bootstrap from npm at build time, static files collected.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app
RUN useradd --create-home --uid 10001 clinic
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY --from=assets /build/node_modules ./node_modules
COPY . .
# The build needs a secret key only to load the settings; the real one comes from .env at run time.
RUN SECRET_KEY=collectstatic-only-not-used-at-run-time python manage.py collectstatic --no-input \
    && mkdir -p var/mail \
    && chown -R clinic:clinic var
USER clinic
EXPOSE 8000
CMD ["gunicorn", "clinic.wsgi", "--config", "gunicorn.conf.py"]
