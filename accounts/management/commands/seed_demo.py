"""Demo data for a try-out: one user per role, the programme year, and what each app adds.

Idempotent: run it again and nothing is duplicated. Never run it on production data.
"""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import Role, User
from regions.models import Kabupaten, Province

DEMO_PASSWORD = "uep-kaltim-demo"
DEMO_USERS = [
    # username, role, kabupaten code, full name
    ("admin", Role.ADMIN, None, "Administrator Sistem"),
    ("provinsi", Role.PROVINCIAL, None, "Staf Dinsos Provinsi"),
    ("samarinda", Role.OFFICER, "64.72", "Petugas Dinsos Samarinda"),
    ("balikpapan", Role.OFFICER, "64.71", "Petugas Dinsos Balikpapan"),
    ("pemantau", Role.VIEWER, None, "Pemantau Provinsi"),
]


class Command(BaseCommand):
    help = "Isi data contoh: satu pengguna per peran dan data contoh tiap aplikasi."

    def add_arguments(self, parser):
        parser.add_argument("--address", default="http://127.0.0.1:8000",
                            help="Alamat aplikasi yang dicetak untuk masuk (make run mengisinya dari PORT).")

    @transaction.atomic
    def handle(self, *args, **options):
        users = {}
        kaltim = Province.objects.get(code="64")
        for username, role, code, full_name in DEMO_USERS:
            first, _, last = full_name.partition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults=dict(role=role, kabupaten=Kabupaten.objects.get(code=code) if code else None, province=kaltim,
                              first_name=first, last_name=last, is_staff=role == Role.ADMIN,
                              is_superuser=role == Role.ADMIN),
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            users[username] = user
        # Each app may ship a demo.seed(users, stdout) for its own data.
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            module.seed(users=users, stdout=self.stdout)

        self.stdout.write(self.style.SUCCESS(f"Data contoh siap. Masuk di {options['address']} dengan:"))
        for username, role, code, _full in DEMO_USERS:
            area = f" ({Kabupaten.objects.get(code=code).name})" if code else ""
            self.stdout.write(f"  {username:<12} / {DEMO_PASSWORD}   {Role(role).label}{area}")
