import sys

from .cli import exit_at_once, main

code = main()
if sys.argv[1:2] in (["build"], ["check"]):  # the commands that hold a whole archive in memory
    exit_at_once(code)
sys.exit(code)
