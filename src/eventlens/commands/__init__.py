"""The command line's parts beside `eventlens.cli`: shared helpers and groups of commands."""
