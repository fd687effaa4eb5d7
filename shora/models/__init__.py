"""What the data is: resolutions, councils, decisions and their parts as pydantic
models, the kinds of data file they are written in, their clauses, the world's
countries and continents, and the JSON Schema files made from them."""
