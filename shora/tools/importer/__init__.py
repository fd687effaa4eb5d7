"""Importing a resolution as published: ``shora import resolution``.

From a plain text (any line endings, digits and spacing), a saved web page (``.html``)
or a Word file (``.docx``) to ``resolutions/<id>.yml`` in the committed files' layout:

* :mod:`~shora.tools.importer.sources` reads the source into lines, refusing what cannot be
  read safely (binary, too large, a zip bomb) and never reading a page's scripts;
* :mod:`~shora.tools.importer.cleaning` normalizes each line (below) and reports each change;
* :mod:`~shora.tools.importer.numbering` reads clause numbers, sub-item letters, ordinals;
* :mod:`~shora.tools.importer.recognize` finds the structure: publication, title, adoption
  line, considerations, introduction, points, sub-items, paragraphs, closing,
  signature, place and date;
* :mod:`~shora.tools.importer.align` aligns a translation clause by clause;
* :mod:`~shora.tools.importer.writer` writes the YAML;
* :mod:`~shora.tools.importer.command` runs it all and reports.

The normalization (the only changes made to the text; each is reported):

1. spacing: runs of spaces, tabs and no-break spaces become one space; spaces and
   invisible direction marks at both ends of a line are removed;
2. the safe fixes of Persian text (:func:`shora.core.persian.safe_fix`): ``ي ى`` to ``ی``,
   ``ك`` to ``ک``, Arabic-Indic digits to Persian digits, ``٬`` used as a comma to
   ``،``, Unicode NFC (NFC alone in English);
3. a footnote mark ``*`` ending a paragraph is left out (its note is not part of the
   text);
4. the clause numbers and sub-item letters are not kept in the text: they follow from
   position, as everywhere in the data; a title over two lines is joined with a space.

What the text does not say is written ``unknown`` (organization, date, vote, status),
never guessed; the adoption date comes from the adoption line or else the
place-and-date line.
"""
