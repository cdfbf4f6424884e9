"""The columns the search statements read of each matched entry, in one index.

The ranking and facet statements read, for every record matched, its kind, partners, year,
axes, page, date and analyzed title. In the table these sit in rows that also hold the
record's text (`body`), and `title_key` comes after it, so each match read a wide row, often
over several pages. On SQLite this covering index lets the statements read them from the index
alone (about 7 % of a search at 10,000 records, bench/search.py's queries). It is declared on
the model, so that a later change of the table, which SQLite makes by copying it, keeps it.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("search", "0007_field_words")]
    operations = [
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["id", "kind", "partner_slugs", "year", "axes", "page", "date", "title_key"],
                               name="search_entry_searched_columns"),
        ),
    ]
