"""DP-02/DP-11: insurers and co-ops typed in by name get their registered organisation, so the panel
conflict check and the insurer's own view see them; what cannot be linked is printed for the clerk."""

from django.db import migrations

from chotei.parties.linking import link_parties_by_name


def link(apps, schema_editor):
    unlinked = link_parties_by_name(
        apps.get_model("parties", "Party"), apps.get_model("parties", "Organization")
    )
    if unlinked:
        print(
            "\n登録組織に紐付けられなかった保険会社・共済組合の当事者（組織を登録し、手作業で紐付けてください）:"
        )
        for line in unlinked:
            print(f"  {line}")


class Migration(migrations.Migration):
    dependencies = [
        ("disputes", "0003_hash_chain"),
        ("parties", "0001_initial"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
