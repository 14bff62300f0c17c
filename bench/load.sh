#!/usr/bin/env bash
# A bounded mixed load on gunicorn and the real PostgreSQL: patients fill every step and send their intake,
# clinicians read the staff pages meanwhile; prints p50/p95 per page and the error count, then stops.
#
#   DATABASE_URL=postgres://clinic:clinic@127.0.0.1:5432/clinic_bench bench/load.sh [--patients 40] [--clients 8]
#
# The database is migrated, given the demo data and 1,000 synthetic cases if it has fewer, and load-test
# accounts. Set CELERY_BROKER_URL to a Redis database to publish the emails as production does (nobody
# consumes them here); without it they are delivered in-process to var/mail, as in development.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL=postgres://... (the load test measures PostgreSQL)}"
PORT="${LOAD_PORT:-8765}"
WORKERS="${LOAD_WORKERS:-2}"
export DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false LOG_LEVEL=WARNING ALLOWED_HOSTS=127.0.0.1
export SECRET_KEY="${SECRET_KEY:-load-test-only-secret-key-never-used-in-production-0123456789}"
PY=.venv/bin/python
mkdir -p var

$PY bench/database.py
$PY manage.py migrate -v0
$PY manage.py collectstatic --noinput -v0
cases=$($PY manage.py shell -c "from patients.models import Intake; \
print(Intake.objects.filter(patient__email__startswith='synthetic-').count())" 2>/dev/null | tail -1)
if [ "${cases:-0}" -lt 1000 ]; then
  $PY manage.py loaddemo --force --cases $((1000 - cases)) > /dev/null
fi
$PY bench/load.py prepare --plan var/load-plan.json "$@"

.venv/bin/gunicorn bench.floor_wsgi --config gunicorn.conf.py --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
  --access-logfile /dev/null --error-logfile var/load-gunicorn.log &
GUNICORN=$!
trap 'kill "$GUNICORN" 2>/dev/null; wait "$GUNICORN" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if $PY -c "import http.client as h; c=h.HTTPConnection('127.0.0.1', $PORT, timeout=1); c.request('GET', '/healthz'); c.getresponse()" 2>/dev/null; then
    break
  fi
  sleep 0.2
done
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), gunicorn $WORKERS workers (gunicorn.conf.py), $(nproc) CPUs"
$PY bench/load.py drive --plan var/load-plan.json --port "$PORT" "$@"
