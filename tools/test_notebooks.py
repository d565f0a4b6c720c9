"""Run every notebook as a test, each in a fresh Python process, and print one line per notebook, then `N passed, N failed`.

nbdev's own `nbdev_test` runs the notebooks; this script gives each notebook a process of its own (no module state
leaks from one notebook into the next), keeps a passing notebook's library noise out of the terminal, and counts.

    python tools/test_notebooks.py                     # every notebook, two at a time
    python tools/test_notebooks.py nbs/05_trainer.ipynb --workers 1
    python tools/test_notebooks.py --results results.txt   # also write the result lines to a file
    python tools/test_notebooks.py --leaks                 # also list the state each notebook leaves behind

`nbdev-test` (the README's test command) runs the notebooks in worker processes it reuses: whatever a notebook leaves
changed in its process (an environment variable, a library's log level, a thread count, transformers' decision about
TensorFlow) meets the notebooks after it. `--leaks` lists that state, compared with a fresh process's: each notebook
should leave none.
"""
from __future__ import annotations
import argparse, json, os, shutil, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# what a notebook can leave changed in its process, read after it ran (the libraries it never imported are left out)
STATE = """
def process_state() -> dict:
    import json, logging, os, sys, warnings
    s = {'env ' + k: v for k, v in os.environ.items() if k != 'IN_TEST'}
    s['log levels'] = {n: l.level for n, l in logging.root.manager.loggerDict.items() if isinstance(l, logging.Logger)}
    s['sys.path'] = [p for p in sys.path if p]
    if 'torch' in sys.modules:
        import torch
        s.update({'torch threads': torch.get_num_threads(), 'torch grad enabled': torch.is_grad_enabled(),
                  'torch default dtype': str(torch.get_default_dtype())})
    if 'transformers' in sys.modules:
        import transformers.utils as tu  # transformers 5 has no TensorFlow, nor `is_tf_available`
        s.update({'transformers verbosity': tu.logging.get_verbosity(),
                  'transformers progress bars': tu.logging.is_progress_bar_enabled(),
                  'transformers sees TensorFlow': getattr(tu, 'is_tf_available', lambda: False)()})
    if 'datasets' in sys.modules:
        from datasets.utils import logging as dl
        s.update({'datasets verbosity': dl.get_verbosity(), 'datasets progress bars': dl.is_progress_bar_enabled()})
    if 'tf_keras' in sys.modules: s['keras precision policy'] = sys.modules['tf_keras'].mixed_precision.global_policy().name
    if 'pandas' in sys.modules:
        import pandas as pd
        s.update({f'pandas {o}': pd.get_option(o) for o in ('display.max_colwidth', 'display.max_rows', 'display.max_columns')})
    return s
"""
RUN_ONE = STATE + """import json, sys
from pathlib import Path
from nbdev.config import get_config
from nbdev.test import test_nb
cfg = get_config()
flags = cfg.tst_flags.split() if isinstance(cfg.tst_flags, str) else list(cfg.tst_flags or [])
ok, _ = test_nb(sys.argv[1], skip_flags=flags, force_flags=sys.argv[2].split(), basepath=str(cfg.config_path))
if sys.argv[3]:
    state = process_state()
    ours = (str(cfg.config_path), str(Path(sys.argv[1]).parent))  # test_nb's and IPython's own
    state['sys.path'] = [p for p in state['sys.path'] if p not in ours]
    open(sys.argv[3], 'w').write(json.dumps(state, default=str))
sys.exit(0 if ok else 1)
"""
FRESH = STATE + """import json, sys
import torch, transformers, datasets, pandas  # what the notebooks import, imported and left as they come
print(json.dumps(process_state(), default=str))
"""


# set by the libraries themselves when a notebook uses them (torch's compiler cache, TensorFlow's and Keras's switches)
LIBRARY_ENV = ('env TORCHINDUCTOR_CACHE_DIR', 'env TF_USE_LEGACY_KERAS', 'env KMP_', 'env TF2_BEHAVIOR', 'env TPU_ML_',
               'env HDF5_PLUGIN_PATH', 'env ENABLE_RUNTIME_UPTIME_TELEMETRY')


def leaks(after:dict, fresh:dict) -> list:
    "The state a notebook left that a fresh process doesn't have: 'what: fresh -> after'"
    out = [f"{k}: {fresh.get(k, '(unset)')!r} -> {after[k]!r}" for k in after
           if (k in fresh or k.startswith('env ')) and k != 'log levels' and after[k] != fresh.get(k)
           and not k.startswith(LIBRARY_ENV)]
    before_levels = fresh.get('log levels', {})
    out += [f"log level of {n}: {before_levels[n]} -> {level}" for n, level in after.get('log levels', {}).items()
            if n in before_levels and before_levels[n] != level]
    return out


def notebook_env(scratch) -> dict:
    return {**os.environ, 'TOKENIZERS_PARALLELISM': 'false', 'TF_CPP_MIN_LOG_LEVEL': '3', 'HF_HUB_DISABLE_PROGRESS_BARS': '1',
            'TMPDIR': str(scratch)}


def run_one(nb: Path, flags: str, timeout: int, fresh:dict|None=None) -> tuple:
    "(notebook, passed, seconds, output, leaks) for one notebook run in its own process; leaks only when `fresh` is given"
    scratch = tempfile.mkdtemp(prefix=f'nb-{nb.stem}-')  # the notebook's temporary folders go here, and go when it ends
    state = Path(scratch)/'state.json' if fresh is not None else ''
    start, left = time.time(), []
    try:
        r = subprocess.run([sys.executable, '-c', RUN_ONE, str(nb), flags, str(state)], cwd=nb.parent,
                           env=notebook_env(scratch), capture_output=True, text=True, timeout=timeout)
        ok, out = r.returncode == 0, r.stdout + r.stderr
        if state and Path(state).exists():
            left = leaks({k: v for k, v in json.loads(Path(state).read_text()).items()
                          if k != 'env TMPDIR'}, fresh)
    except subprocess.TimeoutExpired as e:
        ok, out = False, f"timed out after {timeout} s\n{(e.stderr or b'')[-4000:]}"
    finally: shutil.rmtree(scratch, ignore_errors=True)
    return nb, ok, time.time() - start, out, left


def fresh_state() -> dict:
    "A fresh process's state, with the libraries the notebooks use imported"
    scratch = tempfile.mkdtemp(prefix='nb-fresh-')
    try:
        r = subprocess.run([sys.executable, '-c', FRESH], cwd=ROOT/'nbs', env=notebook_env(scratch), capture_output=True,
                           text=True)
        if r.returncode: raise RuntimeError(f"a fresh process's state could not be read:\n{r.stderr[-3000:]}")
        return {k: v for k, v in json.loads(r.stdout.strip().splitlines()[-1]).items() if k != 'env TMPDIR'}
    finally: shutil.rmtree(scratch, ignore_errors=True)


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('paths', nargs='*', help='notebooks to test (default: every notebook in nbs/)')
    p.add_argument('--workers', type=int, default=2, help='notebooks run at once (default 2)')
    p.add_argument('--flags', default='', help='test flags to run that are normally skipped, such as slow')
    p.add_argument('--timeout', type=int, default=1800, help='seconds before a notebook counts as failed (default 1800)')
    p.add_argument('--results', help='also write the result lines to this file')
    p.add_argument('--leaks', action='store_true', help="also list the state each notebook leaves in its process")
    args = p.parse_args(argv)
    nbs = [Path(x).resolve() for x in args.paths] or sorted(p for p in (ROOT/'nbs').glob('*.ipynb') if not p.name.startswith('_'))
    fresh = fresh_state() if args.leaks else None
    lines, failed = [], 0
    with ThreadPoolExecutor(args.workers) as pool:
        for nb, ok, secs, out, left in pool.map(lambda nb: run_one(nb, args.flags, args.timeout, fresh), nbs):
            line = f"{'PASS' if ok else 'FAIL'} {nb.name} ({secs:.0f} s)"
            print(line, flush=True)
            if not ok:
                failed += 1
                print('\n'.join('    ' + l for l in out.strip().splitlines()[-40:]), flush=True)
            for l in left: print(f'    leaves {l}', flush=True)
            lines.append(line)
    summary = f"{len(nbs) - failed} passed, {failed} failed"
    print(summary)
    if args.results: Path(args.results).write_text('\n'.join(lines + [summary]) + '\n')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
