"""`python -m align` is the same as the `align` console script."""

from align.cli import main

if __name__ == "__main__":
    main()
