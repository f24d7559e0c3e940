"""The yardstick of bench/scorecard_pages.sh: a minimal Flask app that answers every path with
bytes held in memory (the portal's own responses, saved just before), under the same gunicorn."""

from __future__ import annotations

import json
import os
from pathlib import Path

from flask import Flask, Response, request

BODIES = {path: Path(file).read_bytes() for path, file in json.loads(
    os.environ["BENCH_BODIES"]).items()}

app = Flask(__name__)


@app.get("/<path:_path>")
def serve(_path: str) -> Response:
    return Response(BODIES[request.full_path.rstrip("?")], mimetype="text/html")
