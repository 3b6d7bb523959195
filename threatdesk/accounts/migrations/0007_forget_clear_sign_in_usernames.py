"""Forget the usernames the login throttle kept as typed before it kept pseudonyms of them.

What is typed into the username box of a failed sign-in is often an email address or a name;
`axes_accessattempt` held it in the clear until the throttle was given a keyed pseudonym of it
(`AXES_USERNAME_CALLABLE`). Failures still counting towards a lock-out are forgotten with them,
which at worst gives someone five more tries once, at the upgrade.
"""

from django.db import migrations


def forget(apps, schema_editor):
    apps.get_model("axes", "AccessAttempt").objects.using(schema_editor.connection.alias).all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0006_superusers_are_administrators"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(forget, migrations.RunPython.noop)]
