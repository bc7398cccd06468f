"""What the public is told about a case: every status of recipients/lifecycle.py in one table.

A family sees one of six stages, the next step and, where a case stopped, a reason that says
nothing personal (no desil, no registry finding, not why a case was withdrawn: that may be a death).
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from recipients.models import CandidateStatus as S


@dataclass(frozen=True)
class PublicStage:
    label: Promise
    next_step: Promise
    reason: Promise | str = ""


PROPOSED = _("Diusulkan")
VERIFYING = _("Sedang diverifikasi")
DECIDED = _("Ditetapkan")
RESERVE = _("Cadangan")
HANDED_OVER = _("Sudah disalurkan")
NOT_PROCESSED = _("Tidak diproses")

STAGES: dict[str, PublicStage] = {
    S.PROPOSED: PublicStage(PROPOSED, _("Data Anda akan diperiksa terhadap DTKS/DTSEN oleh Dinas Sosial Provinsi.")),
    S.DESK_PASSED: PublicStage(VERIFYING, _("Petugas akan mengunjungi rumah dan usaha Anda (verifikasi lapangan).")),
    S.FIELD_ELIGIBLE: PublicStage(VERIFYING, _("Menunggu penetapan penerima oleh Dinas Sosial Provinsi.")),
    S.DECIDED: PublicStage(DECIDED, _("Anda akan diundang ke bimbingan teknis dan serah terima paket usaha.")),
    S.TRAINED: PublicStage(DECIDED, _("Anda sudah mengikuti bimbingan teknis; tunggu undangan serah terima paket "
                                      "usaha.")),
    S.RESERVE: PublicStage(RESERVE, _("Anda akan dihubungi bila ada tempat yang kosong di kabupaten/kota Anda "
                                      "tahun ini.")),
    S.HANDED_OVER: PublicStage(HANDED_OVER, _("Pendamping akan mengunjungi usaha Anda untuk pendampingan dan "
                                              "monitoring.")),
    S.DESK_FAILED: PublicStage(NOT_PROCESSED, _("Anda dapat diusulkan lagi pada tahun berikutnya bila memenuhi "
                                                "syarat."),
                               _("Data tidak sesuai dengan syarat pada pemeriksaan DTKS/DTSEN.")),
    S.FIELD_INELIGIBLE: PublicStage(NOT_PROCESSED, _("Anda dapat diusulkan lagi pada tahun berikutnya bila memenuhi "
                                                     "syarat."),
                                    _("Tidak memenuhi syarat pada verifikasi lapangan.")),
    S.WITHDRAWN: PublicStage(NOT_PROCESSED, _("Hubungi Dinas Sosial kabupaten/kota Anda bila ada pertanyaan."),
                             _("Usulan dibatalkan.")),
}
