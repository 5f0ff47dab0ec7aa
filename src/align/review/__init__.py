"""`align review`: a local web application where translators check and correct alignments before they
reach the translation memory.

app.py       the app factory (security guards, database, templates, features)
security.py  Host check, CSRF token, paths kept inside the TM folder
store.py     the SQLite review database (WAL, optimistic versioning)
apidocs.py   the offline page describing the JSON API
templates/, static/  the pages, their CSS and JavaScript (no build step, no CDN)
"""
