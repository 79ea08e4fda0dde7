"""The map page: an offline Leaflet page built with folium plus geohist's own JS (no Qt here)."""
