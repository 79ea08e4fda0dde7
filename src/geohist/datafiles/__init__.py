"""Reading and writing the files people edit: events (CSV, GeoJSON) and places (CSV, GeoJSON)."""
