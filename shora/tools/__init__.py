"""The editors' tools around the data: new files from templates, automatic fixes,
importing a published resolution, the issue forms, and synthetic data for the
benchmark."""
