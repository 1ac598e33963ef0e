// SceneGraph — filled in by its issue.
