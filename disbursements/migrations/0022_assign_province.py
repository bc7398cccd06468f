from django.db import migrations


def assign_province(apps, schema_editor):
    """Every price list, package, vendor and contract so far was Kalimantan Timur's, the one province served."""
    kaltim = apps.get_model("regions", "Province").objects.get(code="64")
    for name in ("ItemPrice", "PackageType", "PackageTypeHistory", "Vendor", "Contract", "ContractHistory"):
        apps.get_model("disbursements", name).objects.update(province=kaltim)


class Migration(migrations.Migration):
    dependencies = [("disbursements", "0021_province"), ("regions", "0004_province_required")]
    operations = [migrations.RunPython(assign_province, migrations.RunPython.noop)]
