# The production image of redline: web (gunicorn), worker and beat all run from it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    PATH="/app/.venv/bin:${PATH}"

RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /app

# Dependencies first, from the lock file only, so code changes reuse this layer.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY . .
RUN uv sync --frozen --no-dev \
    && useradd --system --home-dir /app --shell /usr/sbin/nologin redline \
    && mkdir -p /app/staticfiles /app/run \
    && chown -R redline /app/staticfiles /app/run

USER redline
EXPOSE 8000
CMD ["gunicorn", "redline.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
