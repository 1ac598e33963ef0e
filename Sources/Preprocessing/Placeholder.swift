// Preprocessing — filled in by its issue.
