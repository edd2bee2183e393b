"""`python -m kiosk` is the same as `kiosk`."""

from kiosk.cli import main

raise SystemExit(main())
