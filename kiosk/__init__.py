"""The waiting-room reading kiosk: patient-education articles as large-text touch slides."""

__version__ = "0.1.0"
