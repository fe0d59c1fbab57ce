import gc
import sys

ONE_SHOT = sys.argv[1:2] in (["build"], ["check"])  # the commands that hold a whole archive in memory
if ONE_SHOT:
    # They end as soon as the archive is built or checked: the cycle collector
    # would only walk the whole model once more, after the build (0.2 s of a
    # 1.2 s rebuild at 1,000 meetings), to free nothing the end would not.
    gc.disable()

from minutebook.commands.cli import exit_at_once, main  # noqa: E402 (imported with the collector off: they make many objects)

code = main()
if ONE_SHOT:
    exit_at_once(code)
sys.exit(code)
