// Studio — filled in by its issue.
