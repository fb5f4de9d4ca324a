"""Reference implementations the package's fast paths are compared with."""
