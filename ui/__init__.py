"""The Qt desktop application over the `workbench` core."""
