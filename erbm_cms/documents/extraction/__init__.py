"""PDF text extraction.

`engine` and `cleaning` are plain Python (no Django): they run inside the child
process that `sandbox` starts with a time and memory limit.
"""
