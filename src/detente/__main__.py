"""``python -m detente``: the same as the ``detente`` command."""

from detente.cli import main

if __name__ == "__main__":
    main()
