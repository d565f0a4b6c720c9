"""Run every notebook as a test, each in a fresh Python process, and print one line per notebook, then `N passed, N failed`.

nbdev's own `nbdev_test` runs the notebooks; this script gives each notebook a process of its own (no module state
leaks from one notebook into the next), keeps a passing notebook's library noise out of the terminal, and counts.

    python tools/test_notebooks.py                     # every notebook, two at a time
    python tools/test_notebooks.py nbs/05_trainer.ipynb --workers 1
    python tools/test_notebooks.py --results results.txt   # also write the result lines to a file
"""
import argparse, os, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUN_ONE = """import sys
from nbdev.config import get_config
from nbdev.test import test_nb
cfg = get_config()
flags = cfg.tst_flags.split() if isinstance(cfg.tst_flags, str) else list(cfg.tst_flags or [])
ok, _ = test_nb(sys.argv[1], skip_flags=flags, force_flags=sys.argv[2].split(), basepath=str(cfg.config_path))
sys.exit(0 if ok else 1)
"""


def run_one(nb: Path, flags: str, timeout: int) -> tuple:
    "(notebook, passed, seconds, output) for one notebook run in its own process"
    scratch = tempfile.mkdtemp(prefix=f'nb-{nb.stem}-')  # the notebook's temporary folders go here, and go when it ends
    env = {**os.environ, 'TOKENIZERS_PARALLELISM': 'false', 'TF_CPP_MIN_LOG_LEVEL': '3', 'HF_HUB_DISABLE_PROGRESS_BARS': '1',
           'TMPDIR': scratch}
    start = time.time()
    try:
        r = subprocess.run([sys.executable, '-c', RUN_ONE, str(nb), flags], cwd=nb.parent, env=env, capture_output=True,
                           text=True, timeout=timeout)
        ok, out = r.returncode == 0, r.stdout + r.stderr
    except subprocess.TimeoutExpired as e:
        ok, out = False, f"timed out after {timeout} s\n{(e.stderr or b'')[-4000:]}"
    finally: shutil.rmtree(scratch, ignore_errors=True)
    return nb, ok, time.time() - start, out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('paths', nargs='*', help='notebooks to test (default: every notebook in nbs/)')
    p.add_argument('--workers', type=int, default=2, help='notebooks run at once (default 2)')
    p.add_argument('--flags', default='', help='test flags to run that are normally skipped, such as slow')
    p.add_argument('--timeout', type=int, default=1800, help='seconds before a notebook counts as failed (default 1800)')
    p.add_argument('--results', help='also write the result lines to this file')
    args = p.parse_args(argv)
    nbs = [Path(x).resolve() for x in args.paths] or sorted(p for p in (ROOT/'nbs').glob('*.ipynb') if not p.name.startswith('_'))
    lines, failed = [], 0
    with ThreadPoolExecutor(args.workers) as pool:
        for nb, ok, secs, out in pool.map(lambda nb: run_one(nb, args.flags, args.timeout), nbs):
            line = f"{'PASS' if ok else 'FAIL'} {nb.name} ({secs:.0f} s)"
            print(line, flush=True)
            if not ok:
                failed += 1
                print('\n'.join('    ' + l for l in out.strip().splitlines()[-40:]), flush=True)
            lines.append(line)
    summary = f"{len(nbs) - failed} passed, {failed} failed"
    print(summary)
    if args.results: Path(args.results).write_text('\n'.join(lines + [summary]) + '\n')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
