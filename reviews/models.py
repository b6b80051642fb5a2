"""reviews models: filled in by their own issue."""
