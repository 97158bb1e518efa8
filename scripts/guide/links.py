"""Links: placeholder until docs/data/links.yml lands (being written now)."""
