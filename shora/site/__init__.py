"""Rendering the validated data as the pages of a bilingual site.

A plain library: it knows nothing of MkDocs. :mod:`shora.engine.plugin` adapts it.
"""
