"""The common start of the benchmarks: the project importable and a scratch database.

BENCH_DATABASE_URL names that database (default uep_bench); it is never the app's own. BENCH_FILES
names the directory of the generated extracts (default /tmp/uep_bench: gigabytes, outside the repo).
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = Path(os.environ.get("BENCH_FILES", "/tmp/uep_bench"))
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/uep_bench")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "uep.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
