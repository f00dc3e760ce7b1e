"""A failure that repeats on every request while a shared part is down (the database, the cache) is logged once in
a while per process, not with a traceback per request: the log stays readable, and says when it began."""

import threading
import time


class Throttle:
    """``due()`` is true at most once every ``seconds`` in this process."""

    def __init__(self, seconds):
        self.seconds = seconds
        self._at = -float("inf")
        self._lock = threading.Lock()

    def due(self):
        now = time.monotonic()
        with self._lock:
            if now - self._at < self.seconds:
                return False
            self._at = now
            return True
