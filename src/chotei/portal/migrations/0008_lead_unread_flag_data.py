"""Cases with a party's message no one at the secretariat has read keep that as a flag (OD-01)."""

from django.db import migrations


def flag(apps, schema_editor):
    Case = apps.get_model("disputes", "Case")
    Message = apps.get_model("portal", "Message")
    unread = Message.objects.filter(from_secretariat=False, read_at__isnull=True).values("case_id")
    Case.objects.filter(pk__in=unread).update(unread_from_parties=True)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_lead_attachment_drop_blob"),
        ("disputes", "0017_lead_unread_flag"),
    ]

    operations = [migrations.RunPython(flag, migrations.RunPython.noop)]
