import io

from python_calamine import CalamineWorkbook


def exported_rows(client, url: str) -> list[list]:
    """Ask for an export as the page does, run it as the worker would, download it, read its rows."""
    from exports.models import ExportJob
    from exports.services import export_run

    response = client.get(url)
    assert response.status_code == 302, response.status_code
    job = ExportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    export_run(job_id=job.id)
    download = client.get(f"/ekspor/{job.id}/unduh/")
    assert download.status_code == 200 and "no-store" in download["Cache-Control"]
    data = b"".join(download.streaming_content)
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
