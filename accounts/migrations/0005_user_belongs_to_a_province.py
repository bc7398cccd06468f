from django.db import migrations, models


class Migration(migrations.Migration):
    """Apart from 0004: PostgreSQL refuses to alter a table with the updates of the same transaction pending."""

    dependencies = [("accounts", "0004_user_province")]

    operations = [
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("is_superuser", True), ("kabupaten__isnull", True)),
                                   ("province__isnull", False), _connector="OR"),
                name="user_belongs_to_a_province"),
        ),
    ]
