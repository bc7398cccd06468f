from django.db import migrations


def assign_province(apps, schema_editor):
    """Every budget document and decree so far was Kalimantan Timur's, the one province served."""
    kaltim = apps.get_model("regions", "Province").objects.get(code="64")
    for name in ("BudgetDocument", "BudgetDocumentHistory", "Decree", "DecreeHistory"):
        apps.get_model("quotas", name).objects.update(province=kaltim)


class Migration(migrations.Migration):
    dependencies = [("quotas", "0007_province"), ("regions", "0004_province_required")]
    operations = [migrations.RunPython(assign_province, migrations.RunPython.noop)]
