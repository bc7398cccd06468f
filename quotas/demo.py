from quotas.models import ProgrammeYear


def seed(*, users, stdout):
    ProgrammeYear.objects.get_or_create(year=2025)
