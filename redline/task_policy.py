"""How tasks treat transient failures: retried with exponential back-off, never dropped.

Every task takes ``**RETRY_POLICY``: acks_late (a message is acknowledged only after the task
ends, so a killed worker's message is delivered again), and automatic retries when PostgreSQL or
Redis is unreachable. Time limits and prefetch come from settings (CELERY_TASK_*_TIME_LIMIT,
CELERY_WORKER_PREFETCH_MULTIPLIER = 1).
"""

from __future__ import annotations

from typing import Any

from redline.security import TRANSIENT_ERRORS

RETRY_POLICY: dict[str, Any] = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 2,  # 2, 4, 8, ... seconds
    "retry_backoff_max": 300,
    "retry_jitter": True,
    # About an hour of outage at the capped back-off before the task gives up.
    "max_retries": 15,
}
