from rhythm_console.cli import main

raise SystemExit(main())
