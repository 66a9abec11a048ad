"""The three imports: units, initiatives (with their registrations and recognitions), commendations."""
