"""The thin command line: parse options, build core objects, run, map the result to an exit code."""
