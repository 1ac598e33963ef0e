// Renderer — filled in by its issue.
