from django.db import migrations


class Migration(migrations.Migration):
    """The export job becomes the one job model of every background file (prints and reports join it)."""

    dependencies = [
        ("exports", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="exportjob", name="export_user_recent"),
        migrations.RenameModel("ExportJob", "Job"),
    ]
