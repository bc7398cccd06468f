"""Registry records with typed columns: COPY reads NIK/KK as bigint, the birth date as a date
and desil as smallint, so a load no longer checks text row by row (see loading.py)."""

from django.db import migrations, models

# Existing partitions change with the parent; a refused row keeps what can be read.
TYPED = r"""
ALTER TABLE verification_registryrecord
  ALTER COLUMN nik TYPE bigint USING CASE WHEN btrim(nik) ~ '^[0-9]{1,18}$' THEN btrim(nik)::bigint END,
  ALTER COLUMN no_kk TYPE bigint USING CASE WHEN btrim(no_kk) ~ '^[0-9]{1,18}$' THEN btrim(no_kk)::bigint END,
  ALTER COLUMN birth_date TYPE date USING CASE
    WHEN refusal IS NOT NULL THEN NULL
    WHEN btrim(birth_date) ~ '^[0-9]{4}-' THEN to_date(btrim(birth_date), 'YYYY-MM-DD')
    ELSE to_date(btrim(birth_date), 'DD/MM/YYYY') END,
  ALTER COLUMN desil TYPE smallint USING CASE WHEN refusal IS NULL THEN btrim(desil)::smallint END;
"""
TEXT = """
ALTER TABLE verification_registryrecord
  ALTER COLUMN nik TYPE text COLLATE "C" USING lpad(nik::text, 16, '0'),
  ALTER COLUMN no_kk TYPE text USING lpad(no_kk::text, 16, '0'),
  ALTER COLUMN birth_date TYPE text USING to_char(birth_date, 'YYYY-MM-DD'),
  ALTER COLUMN desil TYPE text USING desil::text;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("verification", "0002_fewer_indexes"),
    ]

    operations = [
        migrations.RunSQL(TYPED, TEXT, state_operations=[
            migrations.AlterField("registryrecord", "nik", models.BigIntegerField(null=True, verbose_name="NIK")),
            migrations.AlterField("registryrecord", "no_kk",
                                  models.BigIntegerField(null=True, verbose_name="No. KK")),
            migrations.AlterField("registryrecord", "birth_date",
                                  models.DateField(null=True, verbose_name="tanggal lahir")),
            migrations.AlterField("registryrecord", "desil", models.SmallIntegerField(null=True, verbose_name="desil")),
        ]),
    ]
