import io
import sys
from pathlib import Path

import pytest

from recipients.models import Candidate, Upload

pytestmark = pytest.mark.slow  # the demo seed and the bench code path


def test_the_demo_seeds_candidates_through_the_upload_and_is_idempotent(make_user, samarinda, balikpapan):
    from accounts.models import Role
    from recipients.demo import seed

    users = {"samarinda": make_user("s", Role.OFFICER, samarinda), "balikpapan": make_user("b", Role.OFFICER, balikpapan)}
    seed(users=users, stdout=io.StringIO())
    seed(users=users, stdout=io.StringIO())

    assert Candidate.objects.filter(kabupaten=samarinda).count() == 28
    assert Candidate.objects.filter(kabupaten=balikpapan).count() == 18
    assert Upload.objects.filter(status="confirmed").count() == 2


def test_the_bench_code_path_runs_on_a_small_file(regions):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import bench_upload

    lines = []
    figures = bench_upload.run(40, baseline=True, out=lines.append)

    assert {"calamine", "preview", "confirm", "import_export"} <= figures.keys()
    assert any("speed-up" in line for line in lines)


def test_the_generator_command_writes_a_file(tmp_path, samarinda):
    from django.core.management import call_command

    out = tmp_path / "calon.xlsx"
    call_command("generate_candidates", kabupaten="64.72", rows=10, out=str(out), bad_rows=2, stdout=io.StringIO())

    assert out.stat().st_size > 0
    with pytest.raises(Exception):
        call_command("generate_candidates", kabupaten="99.99", rows=1, out=str(out), stdout=io.StringIO())
