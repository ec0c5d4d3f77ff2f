"""The audit site: the year's decisions as static pages (overview, one page per decision and per rule).

- :mod:`.data` — page data from a validation result and the records (what each page shows);
- :mod:`.svg` — the charts and timelines, drawn as inline SVG by the tool itself (nothing fetched);
- :mod:`.build` — renders the pages with a sandboxed Jinja2 environment and writes the folder.

Plain files: the site opens from disk or any web server, with no network at view time. In public
mode (``--public``) it holds only what a government may publish under 政务公开.
"""
