"""Alembic environment: migrations run on the connection the store hands over."""

from alembic import context

from workbook.db.schema import in_schema, metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=in_schema,
)
with context.begin_transaction():
    context.run_migrations()
