"""Reusable Streamlit pieces. Pages import these; these import attune.services, never sqlalchemy."""
