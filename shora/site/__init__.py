"""Rendering the validated data as the pages of a bilingual site.

A plain library: it knows nothing of MkDocs. :mod:`shora.mkdocs_plugin` adapts it.
"""
