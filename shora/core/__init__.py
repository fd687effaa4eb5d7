"""The vocabulary every stage shares: kinds of data file, diagnostics, messages in
Persian and English, Persian text and dates in both calendars. Imports nothing of
Shora's above it."""
