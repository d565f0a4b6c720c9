"""Does `ner-course predict --file` scale: lines per second and peak memory at 1k, 10k, 100k lines (1M with --million)?

Issue 23: 100,000 lines used to take 29 minutes and 1.2 GB, because every result was held in memory and one step was
quadratic. `predict` now streams: it reads the lines as it needs them, tags a chunk at a time and writes each chunk's
results at once. So the time should grow in a straight line with the number of lines, and the memory stay flat.

The text is real-looking: news, sports, dialogue and social-media sentences from the course's generator
(`ner_course.setup.synthetic_corpus`, lesson 00), one per line, cycled from a pool in a new order each time round.
The model is lesson 00's small pretrained MiniLM fine-tuned on the practice set with the course's recipe
(`ner_course.trainer.course_model`, built once and cached), or the folder `--model` names. Each size runs as its
own `ner-course predict --file ... --output ...` process, so its wall time includes the start-up (loading the
libraries and the model); a straight-line fit, seconds = start-up + lines / rate, separates the two.

    python benchmarks/predict_scale.py                       # 1k, 10k, 100k lines
    python benchmarks/predict_scale.py --sizes 1000,10000    # a quick look
    python benchmarks/predict_scale.py --million             # and 1,000,000 lines (hours on a 2-core CPU)
    python benchmarks/predict_scale.py --model ner-model --json my_results.json
"""
import argparse, json, os, platform, random, shutil, subprocess, sys, tempfile, time
from pathlib import Path

os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
os.environ.setdefault('USE_TF', '0')  # PyTorch only: don't load TensorFlow too

# runs one command and reports its wall time and the peak resident memory of the process (a fresh Python, so
# RUSAGE_CHILDREN covers that one command only)
MEASURE = """import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(json.dumps(dict(code=done.returncode, seconds=time.perf_counter() - start, stderr=done.stderr[-2000:],
                      peak_rss_mb=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)))"""


def write_lines(path, n:int, pool:list, seed:int=0) -> int:
    "Write `n` lines to `path`, cycling through `pool` in a new order each time round; the file's size in bytes"
    rng, written = random.Random(seed), 0
    with open(path, 'w', encoding='utf-8') as f:
        while written < n:
            order = list(range(len(pool)))
            rng.shuffle(order)
            for i in order[:n - written]: f.write(pool[i] + '\n')
            written += min(len(pool), n - written)
    return Path(path).stat().st_size


def measure(model, path, out, batch_size:int) -> dict:
    "Run `ner-course predict --file path --output out` in a new process: its seconds, peak RSS and exit code"
    exe = shutil.which('ner-course') or sys.exit('ner-course is not on PATH: pip install -e . first.')
    cmd = [exe, 'predict', '--model', str(model), '--file', str(path), '--output', str(out), '--batch-size', str(batch_size)]
    done = subprocess.run([sys.executable, '-c', MEASURE, *cmd], capture_output=True, text=True, check=True)
    r = json.loads(done.stdout)
    if r['code']: sys.exit(f"ner-course predict failed:\n{r['stderr']}")
    return r


def fit(rows:list) -> dict:
    "The straight line seconds = start-up + lines / rate through the runs (least squares), and how well it fits"
    xs, ys = [r['lines'] for r in rows], [r['seconds'] for r in rows]
    n, mx, my = len(xs), sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    start = my - slope * mx
    worst = max(abs(y - (start + slope * x)) / y for x, y in zip(xs, ys))
    return dict(startup_seconds=round(start, 2), lines_per_second=round(1 / slope, 1),
                worst_relative_error=round(worst, 3))


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--sizes', default='1000,10000,100000', help='line counts, comma-separated (default 1000,10000,100000)')
    p.add_argument('--million', action='store_true', help='also 1,000,000 lines')
    p.add_argument('--model', help="a model folder (default: the course's fine-tuned MiniLM, built once)")
    p.add_argument('--pool', type=int, default=20000, help='generated sentences to cycle through (default 20000)')
    p.add_argument('--batch-size', type=int, default=8, help="predict's --batch-size (default 8, its default)")
    p.add_argument('--json', default=str(Path(__file__).parent/'results'/'predict_scale.json'), help='where to write the results')
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(',')] + ([1_000_000] if args.million else [])
    from ner_course.setup import synthetic_corpus
    if args.model: model = Path(args.model)
    else:
        from ner_course.trainer import course_model
        print('the fine-tuned MiniLM (built once, a few minutes on a CPU) ...', flush=True)
        model = course_model()
    pool = [' '.join(words) for words, _ in synthetic_corpus(args.pool, seed=23)]
    rows, load_before = [], os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as d:
        for n in sizes:
            path, out = Path(d)/f'{n}.txt', Path(d)/f'{n}.jsonl'
            size = write_lines(path, n, pool)
            r = measure(model, path, out, args.batch_size)
            with open(out, encoding='utf-8') as f: written = sum(1 for _ in f)
            assert written == n, (written, n)
            rows.append(dict(lines=n, file_mb=round(size / 2**20, 2), seconds=round(r['seconds'], 1),
                             lines_per_second=round(n / r['seconds'], 1), peak_rss_mb=round(r['peak_rss_mb'])))
            print(f"{n:>9,} lines ({rows[-1]['file_mb']:.1f} MB): {rows[-1]['seconds']:8.1f} s, "
                  f"{rows[-1]['lines_per_second']:7.1f} lines/s, peak RSS {rows[-1]['peak_rss_mb']:,} MB", flush=True)
            path.unlink(); out.unlink()
    line = fit(rows) if len(rows) > 1 else {}
    if line: print(f"straight line: {line['startup_seconds']} s start-up + {line['lines_per_second']} lines/s "
                   f"(the runs are within {line['worst_relative_error']:.1%} of it)")
    import torch, transformers
    result = dict(model=str(model).replace(str(Path.home()), '~'), batch_size=args.batch_size, rows=rows, fit=line,
                  machine=dict(cpu=platform.processor() or platform.machine(), cpus=os.cpu_count(),
                               load_average=[round(load_before, 1), round(os.getloadavg()[0], 1)],  # other work on the CPUs
                               torch_threads=torch.get_num_threads(), python=platform.python_version(),
                               torch=torch.__version__, transformers=transformers.__version__))
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2) + '\n')
    print(f"Results written to {args.json}")


if __name__ == '__main__': main()
