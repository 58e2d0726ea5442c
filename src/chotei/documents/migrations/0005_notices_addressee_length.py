from django.db import migrations, models


class Migration(migrations.Migration):
    """A notice sent to an agent records 「申請人　<party>　代理人　<agent>　様」 (issue 7)."""

    dependencies = [("documents", "0004_records_dated_by_clock")]

    operations = [
        migrations.AlterField(
            model_name="issueddocument",
            name="addressee",
            field=models.CharField(max_length=420, verbose_name="宛先"),
        ),
    ]
