"""The Qt shell: one widget per screen or overlay, and the window that wires them together."""
