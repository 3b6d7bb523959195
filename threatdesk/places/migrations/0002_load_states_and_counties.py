"""Load every state, territory and county (with FIPS codes) from the pinned `us` package."""

from django.db import migrations


def load(apps, schema_editor):
    from threatdesk.places import gazetteer

    State = apps.get_model("places", "State")
    County = apps.get_model("places", "County")
    states = {}
    for row in gazetteer.states():
        states[row.code], _ = State.objects.update_or_create(
            code=row.code, defaults={"fips": row.fips, "name": row.name, "is_territory": row.is_territory}
        )
    existing = set(County.objects.values_list("fips", flat=True))
    County.objects.bulk_create(
        [
            County(state=states[row.state_code], fips=row.fips, name=row.name)
            for row in gazetteer.counties()
            if row.fips not in existing
        ],
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
