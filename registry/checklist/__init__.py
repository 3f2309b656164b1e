"""The digital-tool checklist: criteria, scoring, submissions, storage and exports."""
