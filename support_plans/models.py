"""support_plans models: filled in by their own issue."""
