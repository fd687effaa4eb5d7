"""The static-site engine (MkDocs 1.6, or its fork ProperDocs) behind a thin adapter:
the plugin hands MkDocs' events to :mod:`shora.site`."""
