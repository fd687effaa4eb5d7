"""The vocabulary every stage shares: diagnostics, messages in Persian and English,
the two languages, Persian text and dates in both calendars. Imports nothing of
Shora's above it."""
