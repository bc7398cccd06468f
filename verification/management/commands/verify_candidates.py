import time

from django.core.management.base import BaseCommand, CommandError

from programmes.models import ProgrammeYear
from regions.models import Kabupaten, Province
from verification.services.batch import verification_job_start
from verification.models import Snapshot
from verification.tasks import verification_send_task


class Command(BaseCommand):
    help = "Start the desk verification batch of a year (all kabupaten/kota or one) on the Celery workers."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--kabupaten", help="code, e.g. 64.72; all of the province when left out")
        parser.add_argument("--province", help="code, e.g. 64; the kabupaten's, or the only one, when left out")
        parser.add_argument("--snapshot", type=int, help="snapshot id; the latest ready one when left out")
        parser.add_argument("--reverify", action="store_true", help="verify earlier desk results again")
        parser.add_argument("--wait", action="store_true", help="wait for the workers to finish")

    def handle(self, *args, year, kabupaten, province, snapshot, reverify, wait, **options):
        programme_year = ProgrammeYear.objects.filter(year=year).first() or self._fail(f"no programme year {year}")
        area = Kabupaten.objects.filter(code=kabupaten).first() if kabupaten else None
        if kabupaten and area is None:
            raise CommandError(f"unknown kabupaten/kota {kabupaten}")
        provinces = Province.objects.filter(code=province) if province else Province.objects.all()
        if area is None and provinces.count() != 1:
            raise CommandError(f"unknown province {province}" if province else "several provinces: name one (--province)")
        ready = Snapshot.objects.filter(status=Snapshot.Status.READY)
        chosen = (ready.filter(id=snapshot) if snapshot else ready).first() or self._fail("no ready snapshot")
        job = verification_job_start(programme_year=programme_year, snapshot=chosen, kabupaten=area,
                                     province=None if area else provinces.get(), reverify=reverify, user=None)
        verification_send_task.delay(job.id)
        self.stdout.write(f"Job #{job.id}: {job.total} candidates")
        while wait:
            job.refresh_from_db()
            if not job.is_active:
                self.stdout.write(f"{job.get_status_display()}: {job.passed_count} passed of {job.done_count}")
                break
            time.sleep(0.5)

    def _fail(self, message):
        raise CommandError(message)
