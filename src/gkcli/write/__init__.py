"""The write path: gk progress add, init, import, export and schema.

Everything here writes through `atomic` (lock, temp file, fsync, rename) and
re-reads what it wrote with the project's own loader before it replaces a file.
"""
