"""The raw Iceberg tables as Dagster assets: one asset per dlt resource, keyed `raw/<table>`.

The keys equal dagster-dbt's keys for the dbt sources (`[source_name, table_name]` with the
source named `raw`), so the dbt models hang directly under these assets in one graph. The
loading itself is `ingestion.load.source` (discover new inbox files, parse, hand Arrow to dlt);
this module only wires it into Dagster.
"""

import dagster as dg
from dagster_dlt import DagsterDltResource, DagsterDltTranslator, dlt_assets
from dagster_dlt.translator import DltResourceTranslatorData

from ingestion.load.source import make_pipeline, pokerlake_raw
from pokerlake.settings import Settings

INGEST_GROUP = "ingest"
RAW_PREFIX = "raw"


class RawTableTranslator(DagsterDltTranslator):
    """dlt resource `<table>` -> asset `raw/<table>`, no upstream asset, in the ingest group."""

    def get_asset_spec(self, data: DltResourceTranslatorData) -> dg.AssetSpec:
        default = super().get_asset_spec(data)
        return default.replace_attributes(
            key=dg.AssetKey([RAW_PREFIX, data.resource.name]),
            deps=[],
            group_name=INGEST_GROUP,
            kinds={"dlt", "iceberg"},
            description=f"Iceberg table raw.{data.resource.name}: new inbox files, parsed and merged on the table key, loaded by dlt.",
        )


def build_raw_assets(settings: Settings) -> dg.AssetsDefinition:
    """The multi-asset that loads every raw table from the files waiting in the inbox."""

    @dlt_assets(
        dlt_source=pokerlake_raw(),
        dlt_pipeline=make_pipeline(settings),
        name="pokerlake_raw",
        dagster_dlt_translator=RawTableTranslator(),
    )
    def pokerlake_raw_tables(context: dg.AssetExecutionContext, dlt: DagsterDltResource):
        if context.is_subset:
            # One ingest plans every table at once (hands, players, actions... of the same files,
            # with deletes for re-parsed hands); loading a subset would leave the lake inconsistent.
            raise dg.Failure(description="The raw tables load together: select every raw/* asset "
                                         f"(selected: {sorted(k.to_user_string() for k in context.selected_asset_keys)}).")
        # A source and pipeline bound to these settings, made per run; the inbox is scanned when
        # dlt extracts, not when definitions load.
        yield from dlt.run(context=context, dlt_source=pokerlake_raw(settings=settings),
                           dlt_pipeline=make_pipeline(settings))

    return pokerlake_raw_tables
