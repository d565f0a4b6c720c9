"""Rehearse full mode: every notebook in full mode, offline, against local stand-ins of the Hub's model and datasets.

Full mode (CoNLL-2003 from the Hub, `bert-base-cased`, `#| slow` cells, every `if not cfg.smoke` branch) is what a
learner runs in Colab. Here it runs at full size on stand-ins (lesson 00: `NER_COURSE_STANDINS`; the checkpoints are
`bert-base-cased`- and `distilbert-base-uncased`-sized with random weights, the datasets CoNLL-2003 and WNUT-17 at their
split sizes), with the one knob that caps the work, `NER_COURSE_REHEARSAL`:
  1 (the default here): lesson 05's `prepare_data` keeps a few dozen sentences of each split once all are tokenized;
  epoch (--epoch, for a GPU): all the data, each training capped to one epoch.
One line per notebook, then `N passed, N failed`.

    python tools/rehearse.py                          # every notebook
    python tools/rehearse.py nbs/05_trainer.ipynb     # some
    python tools/rehearse.py --epoch --measure out.json nbs/05_trainer.ipynb   # one at a time: time, peak GPU memory, RAM, disk
"""
import json, os, shutil, signal, subprocess, sys, threading, time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_notebooks  # the README's test command: a fresh process per notebook, a line each, and the count

SETTINGS = dict(NER_COURSE_MODE='full', NER_COURSE_STANDINS='1', NER_COURSE_REHEARSAL='1',
                HF_HUB_OFFLINE='1', HF_DATASETS_OFFLINE='1', TRANSFORMERS_OFFLINE='1')


def machine_use() -> dict:
    "What the machine uses now, in MB: GPU memory (nvidia-smi; None without a GPU), RAM, and disk where the temporary files go"
    gpu = None
    if shutil.which('nvidia-smi'):
        r = subprocess.run(['nvidia-smi', '--query-gpu=memory.used', '--format=csv,noheader,nounits'], capture_output=True, text=True)
        gpu = sum(float(x) for x in r.stdout.split()) if r.returncode == 0 else None
    info = dict(line.split(':') for line in Path('/proc/meminfo').read_text().splitlines())
    ram = (int(info['MemTotal'].split()[0]) - int(info['MemAvailable'].split()[0])) / 1024
    import tempfile
    disk = shutil.disk_usage(tempfile.gettempdir()).used / 2**20
    return dict(gpu_mb=gpu, ram_mb=ram, disk_mb=disk)


def measured(nb: Path, flags: str, timeout: int) -> tuple:
    "`test_notebooks.run_one`, sampling `machine_use` twice a second: (passed, seconds, output, peaks above the start)"
    start, peak, done = machine_use(), {}, threading.Event()
    def poll():
        while not done.wait(0.5):
            for k, v in machine_use().items():
                if v is not None: peak[k] = max(peak.get(k, v), v)
    t = threading.Thread(target=poll, daemon=True); t.start()
    _, ok, secs, out = test_notebooks.run_one(nb, flags, timeout)
    done.set(); t.join()
    grew = {k: round(max(0.0, v - start[k])) for k, v in peak.items() if start.get(k) is not None}
    return ok, secs, out, grew


def measure_all(nbs: list, path: str, flags: str) -> int:
    "Each notebook alone, measured; one line each, the figures to `path` as JSON (after each), then `N passed, N failed`"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(124))  # `timeout`: subprocess.run kills the running notebook on the way out
    rows, failed = [], 0
    for nb in nbs:
        ok, secs, out, grew = measured(nb, flags, 1800)
        rows.append(dict(notebook=nb.name, passed=ok, seconds=round(secs), **grew))
        Path(path).write_text(json.dumps(dict(settings={k: os.environ[k] for k in SETTINGS}, notebooks=rows), indent=1) + '\n')
        print(f"{'PASS' if ok else 'FAIL'} {nb.name} ({secs:.0f} s; peak above the start: GPU {grew.get('gpu_mb', '-')} MB, "
              f"RAM {grew.get('ram_mb')} MB, disk {grew.get('disk_mb')} MB)", flush=True)
        if not ok: failed += 1; print('\n'.join('    ' + l for l in out.strip().splitlines()[-40:]), flush=True)
    print(f"{len(nbs) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == '__main__':
    args = sys.argv[1:]
    epoch = '--epoch' in args; args = [a for a in args if a != '--epoch']
    measure = None
    if '--measure' in args:
        i = args.index('--measure')
        if i + 1 == len(args): sys.exit('--measure needs a file to write the figures to, such as --measure figures.json')
        measure = args[i + 1]; del args[i:i + 2]
    from ner_course.setup import standins_dir
    os.environ.update(SETTINGS, HF_HUB_CACHE=str(standins_dir()/'hub'))
    if epoch: os.environ['NER_COURSE_REHEARSAL'] = 'epoch'
    from ner_course.setup import use_standins
    from ner_course.data import write_standin_datasets
    use_standins(); write_standin_datasets()  # built once, before the notebooks start two at a time
    if measure:
        nbs = [Path(a).resolve() for a in args if not a.startswith('-')] or sorted(
            p for p in (test_notebooks.ROOT/'nbs').glob('*.ipynb') if not p.name.startswith('_'))
        sys.exit(measure_all(nbs, measure, 'slow'))
    sys.exit(test_notebooks.main(['--flags', 'slow', *args]))
