"""The desk verification rules as one SQL statement over a range of candidates.

Every rule is a join or an EXISTS against the snapshot, the earlier recipients and the
year's other candidates: the number of statements per chunk does not depend on its size.
The limits (desil, age) come from the programme year, never from constants here.
"""

from recipients.kk import kk_earlier_sql
from recipients.nik import nik_sql

RESULT_INSERT = """
WITH cand AS (
  SELECT c.id, c.kabupaten_id, c.person_id, c.no_kk, c.business_type, c.business_status, p.nik, c.name, c.sex, c.birth_date,
         k.code AS kabupaten_code
  FROM recipients_candidate c
  JOIN recipients_person p ON p.id = c.person_id
  JOIN regions_kabupaten k ON k.id = c.kabupaten_id
  WHERE c.id BETWEEN %(first_id)s AND %(last_id)s
    AND c.programme_year_id = %(year)s
    AND c.status = ANY(%(statuses)s)
    AND (%(kabupaten)s::bigint IS NULL OR c.kabupaten_id = %(kabupaten)s::bigint)
    AND k.province_id = %(job_province)s  -- a job's id range may hold another province's candidates
  FOR UPDATE OF c
),
seen AS (
  SELECT cand.*, r.line AS record_id, btrim(r.name) AS r_name, r.birth_date AS r_birth_date,
         r.desil AS r_desil, upper(btrim(r.kabupaten)) AS r_kabupaten,
         (SELECT k.code FROM (__KABUPATEN_KEYS__) AS k(key, code) WHERE k.key = upper(btrim(r.kabupaten))) AS r_kabupaten_code,
         date_part('year', age(%(reference_date)s::date, cand.birth_date))::int AS age,
         prior.list AS prior
  FROM cand
  LEFT JOIN verification_registryrecord r
         ON r.snapshot_id = %(snapshot)s AND r.province = %(province)s AND r.refusal IS NULL
        AND r.nik = CASE WHEN cand.nik ~ '^[0-9]{16}$' THEN cand.nik::bigint END
  LEFT JOIN LATERAL (
    SELECT array_agg(DISTINCT x.what) AS list FROM (
      SELECT pr.scheme || ' ' || pr.year AS what FROM verification_priorrecipient pr
      WHERE pr.nik = cand.nik AND pr.year < %(year)s
      UNION ALL
      SELECT pr.scheme || ' ' || pr.year FROM verification_priorrecipient pr
      WHERE pr.no_kk = cand.no_kk AND pr.no_kk <> '' AND pr.year < %(year)s
      UNION ALL
      SELECT 'UEP ' || old.programme_year_id FROM recipients_candidate old
      WHERE (old.person_id = cand.person_id OR old.no_kk = cand.no_kk)
        AND old.programme_year_id < %(year)s AND old.status = %(handed_over)s
    ) x
  ) prior ON true
),
checked AS (
  SELECT id,
    array_remove(ARRAY[
      CASE WHEN NOT __NIK_VALID__ THEN 'NIK_INVALID' END,
      CASE WHEN record_id IS NULL THEN 'NOT_IN_DTKS' END,
      CASE WHEN record_id IS NOT NULL
                AND (regexp_replace(upper(r_name), '[^A-Z]', '', 'g') <> regexp_replace(upper(name), '[^A-Z]', '', 'g')
                     OR r_birth_date <> birth_date)
           THEN 'IDENTITY_MISMATCH' END,
      CASE WHEN r_desil > %(desil_max)s THEN 'DESIL_TOO_HIGH' END,
      CASE WHEN record_id IS NOT NULL AND r_kabupaten_code IS DISTINCT FROM kabupaten_code
           THEN 'OTHER_KABUPATEN' END,
      CASE WHEN btrim(business_type) = '' OR business_status NOT IN ('BERJALAN', 'BERHENTI')
           THEN 'NO_BUSINESS' END,
      CASE WHEN age NOT BETWEEN %(age_min)s AND %(age_max)s THEN 'AGE_OUT_OF_RANGE' END,
      CASE WHEN prior IS NOT NULL THEN 'PRIOR_RECIPIENT' END,
      CASE WHEN __KK_EARLIER__ THEN 'KK_DUPLICATE' END,
      CASE WHEN EXISTS (SELECT 1 FROM recipients_candidate o JOIN recipients_person op ON op.id = o.person_id
                        WHERE o.programme_year_id = %(year)s AND op.nik = seen.nik AND o.id < seen.id
                          AND o.status <> ALL(%(not_counting)s))
           THEN 'NIK_DUPLICATE' END
    ], NULL)::varchar(30)[] AS reasons,
    jsonb_strip_nulls(jsonb_build_object(
      'desil', r_desil, 'desil_max', %(desil_max)s, 'age', age, 'age_min', %(age_min)s, 'age_max', %(age_max)s,
      'registry_kabupaten', coalesce(r_kabupaten_code, r_kabupaten), 'registry_name', r_name, 'prior', to_jsonb(prior)
    )) AS facts
  FROM seen
),
inserted AS (
  INSERT INTO verification_verificationresult (job_id, candidate_id, passed, reasons, facts, created_at)
  SELECT %(job)s, id, cardinality(reasons) = 0, reasons, facts, now() FROM checked
  ON CONFLICT (job_id, candidate_id) DO NOTHING
  RETURNING candidate_id, passed, reasons, facts
)
-- The area from the candidate's row (a primary-key lookup each), not by joining back to "cand": both
-- CTEs are estimated at a row or two, and that join ran as 2,000 x 2,000 comparisons (1.2 s a chunk).
SELECT inserted.*, c.kabupaten_id FROM inserted JOIN recipients_candidate c ON c.id = inserted.candidate_id
"""


def result_insert_sql(*, kabupaten_keys: str) -> str:
    """The statement, with the registry's ways of naming a kabupaten/kota as a VALUES list, and
    the NIK and KK rules generated from ``recipients.nik`` and ``recipients.kk`` (their one definition)."""
    return (RESULT_INSERT.replace("__KABUPATEN_KEYS__", kabupaten_keys)
            .replace("__NIK_VALID__", nik_sql("nik", birth_date="birth_date", sex="sex"))
            .replace("__KK_EARLIER__", kk_earlier_sql(candidate="seen.id", programme_year="%(year)s",
                                                      no_kk="seen.no_kk")))
