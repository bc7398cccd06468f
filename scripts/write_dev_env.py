"""Write .env for a developer's machine, once: DJANGO_DEBUG=true and a generated secret key.

`make run` calls it, so `python manage.py ...` works afterwards without exporting anything.
An existing file is left as it is (it may hold the developer's own settings). Never for production.
Usage: write_dev_env.py [PATH]   (default: .env at the top of the checkout)
"""

import secrets
import sys
from pathlib import Path

path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / ".env"
if path.exists():
    sys.exit(0)
path.write_text(
    "# Written by `make run` for this developer machine only; see .env.example for every setting.\n"
    "DJANGO_DEBUG=true\n"
    f"DJANGO_SECRET_KEY={secrets.token_urlsafe(50)}\n")
path.chmod(0o600)
print(f"{path} ditulis: DJANGO_DEBUG=true dan kunci rahasia acak (hanya untuk pengembangan).")
