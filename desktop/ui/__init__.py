"""The Qt face: displays the core and turns officers' actions into core calls."""
