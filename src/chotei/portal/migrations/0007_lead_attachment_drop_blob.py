"""Issue #10 item 6: the attachments' blob column, emptied by 0006, goes (apart from the move so
that PostgreSQL never alters a table with the move's updates pending)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_lead_attachment_files"),
    ]

    operations = [
        migrations.AlterField(
            model_name="messageattachment",
            name="content",
            field=models.BinaryField(default=b"", verbose_name="内容"),
        ),
        migrations.RemoveField(model_name="messageattachment", name="content"),
    ]
