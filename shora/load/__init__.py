"""Reading a project: YAML files parsed with their source positions, turned into
models, and what was learnt of each file remembered in the user's cache."""
