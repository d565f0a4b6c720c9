"""How much time `ner-course evaluate --errors` adds to `ner-course evaluate`.

Both commands run side by side in one process, on the same model and the same test split, alternately, `--repeats`
times each; the fastest run of each counts (the others wait on other jobs of a shared machine). Each run is the whole
command as a user types it: loading the model and the data, one prediction pass, seqeval, and, with `--errors`, lesson
04's error analysis (categories, confusions, examples) on the same predictions, printed and written to the report.
The target: under 10% more.

The test split is generated (lesson 00's `synthetic_corpus`, news-like lengths), 3,453 sentences by default, the size
of CoNLL-2003's test split. Models:
- `minilm` (default): lesson 05's `course_model`, the small pretrained MiniLM fine-tuned on the practice set, built
  once and cached; few errors on generated text.
- `tiny`: the tiny 2-layer checkpoint of lesson 00 with an untrained head: nearly every entity is wrong, the worst
  case for the analysis, and a model so fast that the analysis weighs the most.
- a folder: any model `ner-course train` wrote.

    python benchmarks/error_analysis_speed.py                       # MiniLM, 3,453 sentences, 3 runs each
    python benchmarks/error_analysis_speed.py --model tiny
    python benchmarks/error_analysis_speed.py --model ner-model --sentences 1000
"""
import argparse, contextlib, io, json, os, platform, sys, tempfile, time
from pathlib import Path

os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
os.environ.setdefault('USE_TF', '0')  # PyTorch only
os.environ.setdefault('HF_HUB_OFFLINE', '1')


def tiny_untrained(folder) -> str:
    "The tiny checkpoint with a fresh, untrained head for the sample's labels, saved in `folder`"
    from transformers import AutoModelForTokenClassification, AutoTokenizer
    from ner_course.data import label_names, load_ner_dataset
    from ner_course.setup import build_tiny_checkpoint, no_progress_bars
    from transformers.utils import logging
    logging.set_verbosity_error()  # no "newly initialized" note: the head is untrained on purpose
    tiny, names = build_tiny_checkpoint(), label_names(load_ner_dataset('sample'))
    with no_progress_bars():
        model = AutoModelForTokenClassification.from_pretrained(
            tiny, num_labels=len(names), id2label=dict(enumerate(names)), label2id={n: i for i, n in enumerate(names)})
    model.save_pretrained(folder)
    AutoTokenizer.from_pretrained(tiny).save_pretrained(folder)
    return str(folder)


def timed(argv) -> tuple: # (seconds, stdout)
    "Run `ner-course ARGV` in this process; stop on a non-zero exit code"
    from ner_course.cli import run_cli
    t = time.perf_counter()
    code, out, err = run_cli(argv)
    seconds = time.perf_counter() - t
    if code: sys.exit(f"ner-course {' '.join(argv)}: exit code {code}\n{err}")
    return seconds, out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--model', default='minilm', help="'minilm' (default), 'tiny', or a model folder")
    p.add_argument('--sentences', type=int, default=3453, help="generated test sentences (default 3453, CoNLL-2003's test)")
    p.add_argument('--errors', type=int, default=3, help='examples per category, as --errors N (default 3)')
    p.add_argument('--repeats', type=int, default=3, help='runs of each command; the fastest counts (default 3)')
    p.add_argument('--threads', type=int, default=None, help="torch threads (default: torch's)")
    p.add_argument('--json', default=None, help='also write the figures to this JSON file')
    args = p.parse_args(argv)
    import torch
    if args.threads: torch.set_num_threads(args.threads)
    from ner_course.setup import synthetic_corpus, write_conll
    from ner_course.trainer import course_model
    work = Path(tempfile.mkdtemp())
    model = {'minilm': lambda: str(course_model()), 'tiny': lambda: tiny_untrained(work/'tiny')}.get(args.model, lambda: args.model)()
    test = write_conll(synthetic_corpus(args.sentences, seed=7), work/'test.conll')
    base = ['evaluate', '--model', model, '--test', str(test), '--output', str(work/'report.json')]
    timed(base)  # warm-up: imports, caches
    plain, errors = [], []
    for _ in range(args.repeats):  # alternately, so that both see the same load on a shared machine
        plain.append(timed(base)[0])
        seconds, out = timed(base + ['--errors', str(args.errors)])
        errors.append(seconds)
    report = json.loads((work/'report.json').read_text())
    # the analysis alone, on one pass's predictions: the steadier figure on a busy machine
    from ner_course.data import label_names, load_ner_dataset
    from ner_course.inference import load_ner_model, predict_dataset
    from ner_course.metrics import error_report
    ds = load_ner_dataset({'test': test})
    words, names = [list(w) for w in ds['test']['tokens']], label_names(ds)
    predictions = predict_dataset(words, *load_ner_model(model, device='cpu'))
    references = [[names[t] for t in tags] for tags in ds['test']['ner_tags']]
    alone = []
    for _ in range(args.repeats):
        t = time.perf_counter(); error_report(words, predictions, references, n=args.errors); alone.append(time.perf_counter() - t)
    counts = report['errors']['counts']['overall']
    fast, slow = min(plain), min(errors)
    result = dict(model=args.model, sentences=args.sentences, words=sum(1 for l in test.read_text().splitlines() if l.strip()),
                  gold_entities=counts['gold'], correct=counts['correct'], evaluate_s=round(fast, 3),
                  evaluate_errors_s=round(slow, 3), added_percent=round(100 * (slow - fast) / fast, 1),
                  analysis_alone_s=round(min(alone), 3), runs_evaluate_s=[round(s, 3) for s in plain], runs_errors_s=[round(s, 3) for s in errors],
                  threads=torch.get_num_threads(), cpu=platform.processor() or platform.machine())
    print(out.split('Errors, entity by entity')[-1].split('\n\n')[1])  # the category table, as the command printed it
    print(f"\n{args.model} on {args.sentences:,} generated sentences ({result['words']:,} words, {counts['gold']:,} entities):")
    print(f"  ner-course evaluate           {fast:.2f} s  (runs: {', '.join(f'{s:.2f}' for s in plain)})")
    print(f"  ner-course evaluate --errors  {slow:.2f} s  (runs: {', '.join(f'{s:.2f}' for s in errors)})")
    print(f"  --errors adds {result['added_percent']:+.1f}% (target: under 10%); the analysis alone takes {min(alone):.2f} s, "
          f"{100 * min(alone) / fast:.1f}% of evaluate's time")
    if args.json: Path(args.json).write_text(json.dumps(result, indent=2) + '\n')
    return result


if __name__ == '__main__':
    main()
