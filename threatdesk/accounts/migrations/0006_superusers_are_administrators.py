"""Staff status now follows the role. Accounts made by `createsuperuser` before it set the role
kept the default, reporter: they become administrators, which is what they already were, so
that the next edit in the admin site does not take the admin site from them."""

from django.db import migrations

import threatdesk.accounts.models


def superusers_become_administrators(apps, schema_editor):
    users = apps.get_model("accounts", "User").objects
    users.filter(is_superuser=True, role="reporter", office__isnull=True).update(role="admin", is_staff=True)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_forget_clear_sign_in_addresses"),
    ]

    operations = [
        migrations.AlterModelManagers(
            name="user",
            managers=[
                ("objects", threatdesk.accounts.models.UserManager()),
            ],
        ),
        migrations.RunPython(superusers_become_administrators, migrations.RunPython.noop),
    ]
