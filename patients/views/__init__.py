"""Patient-facing intake pages, one module per part of the flow."""
