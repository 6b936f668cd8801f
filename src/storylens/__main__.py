"""`python -m storylens ...` runs the same CLI as the `storylens` executable (useful in a checkout on PYTHONPATH)."""

from storylens.cli import main

if __name__ == "__main__":
    main()
