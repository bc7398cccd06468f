from audit.models import DataAccess


def data_access_record(*, user, action: str, subject: str, kabupaten=None, row_count: int = 0,
                       detail: dict | None = None) -> DataAccess:
    """Record that ``user`` read or exported personal data; call it before the data leaves."""
    return DataAccess.objects.create(
        user=user, action=action, subject=subject, kabupaten=kabupaten, row_count=row_count, detail=detail or {},
    )
