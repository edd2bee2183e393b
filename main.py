"""Start the waiting-room kiosk: `python main.py [options]` is the same as `kiosk [options]`."""

from kiosk.cli import main

raise SystemExit(main())
