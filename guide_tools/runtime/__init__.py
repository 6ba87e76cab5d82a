"""The browser runtime: Pyodide and the wheels the guide's listings need, assembled at build time
from the npm package and PyPI (pins.py, assemble.py), and which listings run in it (listings.py).
contributing/runnable-listings.md, "Runnable listings", says how a listing becomes runnable."""
