"""Storage: SQLAlchemy 2 ORM, Alembic migrations and the queries Hotlist runs."""
