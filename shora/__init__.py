"""Shora: resolutions and a directory of councils, published as a bilingual static site.

The data flows one way, one folder a stage, each importing only the ones below it:

* :mod:`shora.core`: the shared vocabulary (diagnostics, the two languages, messages in
  both languages, Persian text, dates in both calendars);
* :mod:`shora.models`: what a resolution, a council or a decision is (pydantic), and
  the kinds of data file;
* :mod:`shora.load`: YAML files read into models, remembered in the user's cache;
* :mod:`shora.validate`: every problem of a project, located, at once;
* :mod:`shora.site`: the validated data rendered as the pages of both languages;
* :mod:`shora.publish`: what the site publishes besides its pages (open data, feeds,
  search indexes, PDFs, fonts, the offline copy);
* :mod:`shora.engine`: MkDocs (or ProperDocs) behind a thin adapter;
* :mod:`shora.preview`: ``shora serve``;
* :mod:`shora.tools`: the editors' tools (new files, fixes, imports, issue forms) and
  the synthetic data of the benchmark;
* :mod:`shora.build` runs the stages; :mod:`shora.cli` is the command line.
"""
