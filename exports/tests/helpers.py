import io

from python_calamine import CalamineWorkbook


def job_of(response):
    """The job a page sent the user to (its progress page)."""
    from exports.models import Job

    assert response.status_code == 302, response.status_code
    return Job.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def downloaded(client, job, n: int = 0):
    """The bytes of a job's n-th file, downloaded as its page does."""
    job_file = job.files.order_by("id")[n]
    download = client.get(f"/ekspor/{job.id}/unduh/{job_file.id}/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    return b"".join(download.streaming_content)


def exported_rows(client, url: str) -> list[list]:
    """Ask for an export as the page does, make it as the worker would, download it, read its rows."""
    from exports.services import job_make

    job = job_of(client.get(url))
    job_make(job_id=job.id)
    data = downloaded(client, job)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()


def pdf_text(data: bytes) -> str:
    """A PDF's text as poppler's pdftotext reads it (the way an auditor's tools would)."""
    import subprocess

    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return done.stdout.decode()
