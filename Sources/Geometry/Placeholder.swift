// Geometry — filled in by its issue.
