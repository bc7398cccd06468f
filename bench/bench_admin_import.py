"""The admin's import of a zip-bomb-like XLSX (about 270 KB that inflate to about 80 MB of cells):
refused by uep/files.py's guards, against django-import-export's own XLSX reader of the same file,
same run. Target: refused in under a second. Run: .venv/bin/python bench/bench_admin_import.py
(no database needed: only the readers are timed).
"""

import time

from _env import ROOT  # noqa: E402,F401 - sets up the path and the settings


def main():
    import django

    django.setup()
    from import_export.formats.base_formats import XLSX

    from uep.admin_io import guarded_dataset
    from uep.files import FileRefused
    from uep.tests.test_admin_careful import zip_bomb_xlsx

    bomb = zip_bomb_xlsx()
    started = time.monotonic()
    try:
        guarded_dataset(bomb)
        raise SystemExit("the guarded reader took the zip bomb")
    except FileRefused:
        guarded = time.monotonic() - started
    started = time.monotonic()
    rows = len(XLSX().create_dataset(bomb))
    baseline = time.monotonic() - started
    print(f"file                     {len(bomb) / 1024:7.0f} KB")
    print(f"admin import (guarded)   {guarded:9.3f} s   refused   target < 1 s")
    print(f"import-export default    {baseline:9.3f} s   {rows} rows read")


if __name__ == "__main__":
    main()
