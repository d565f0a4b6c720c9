"""How much does label alignment add to tokenization?

Times `ner_course.align.tokenize_and_align` against the tokenizer alone, on a synthetic corpus
(`ner_course.smoke.synthetic_corpus`, 14,000 sentences by default: the size of CoNLL-2003's training set).

Both sides run the same batched `Dataset.map` (batches of 1,000, original columns removed, `truncation=True`),
so the comparison is fair: the baseline is the course's `tokenize_and_align_labels` without its labels. The
raw tokenizer call on all sentences at once (no `Dataset.map`) is timed too, for context, and so is the course's
own per-token Python loop (`align_labels_with_tokens` in the same map), which `tokenize_and_align` replaces with numpy.

Runs are interleaved (baseline, then aligned, then the raw call) and repeated, after one warm-up run of each. The
headline ratio is the median of the paired ratios (aligned / baseline of the same round), which stands up best to
other work on a shared machine; the medians and the fastest runs of each side are printed too. Results go to a
JSON file.

    python benchmarks/align_speed.py                      # tiny local checkpoint, 14,000 sentences
    python benchmarks/align_speed.py --checkpoint bert-base-cased --sentences 50000
"""
import argparse, gc, json, os, platform, statistics, sys, time, warnings
from pathlib import Path

os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')


def build_dataset(n, seed):
    from datasets import ClassLabel, Dataset, Features, Sequence, Value
    from ner_course.data import CONLL2003_LABELS
    from ner_course.setup import synthetic_corpus
    ids = {name: i for i, name in enumerate(CONLL2003_LABELS)}
    corpus = synthetic_corpus(n, seed=seed)
    features = Features(tokens=Sequence(Value('string')), ner_tags=Sequence(ClassLabel(names=CONLL2003_LABELS)))
    return Dataset.from_dict(dict(tokens=[w for w, _ in corpus], ner_tags=[[ids[t] for t in tags] for _, tags in corpus]),
                             features=features)


def timed(fn):
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--sentences', type=int, default=14000, help='size of the synthetic corpus (at least 14,000 for the issue)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--checkpoint', default=None, help='tokenizer to use; the tiny local checkpoint when omitted')
    p.add_argument('--repeats', type=int, default=7, help='timed runs of each side, after one warm-up run each')
    p.add_argument('--max-length', type=int, default=None, help="truncation length; the tokenizer's model_max_length when omitted")
    p.add_argument('--json', default=str(Path(__file__).with_name('align_speed.json')), help='where to write the results')
    args = p.parse_args(argv)

    from datasets.utils.logging import disable_progress_bar
    import datasets, tokenizers, transformers
    from ner_course.align import align_batch, align_labels_with_tokens, load_tokenizer, tokenize_and_align
    from ner_course.data import CONLL2003_LABELS
    from ner_course.setup import build_tiny_checkpoint
    disable_progress_bar()
    checkpoint = args.checkpoint or str(build_tiny_checkpoint())
    tokenizer = load_tokenizer(checkpoint)
    max_length = args.max_length or min(tokenizer.model_max_length, 1_000_000)
    ds = build_dataset(args.sentences, args.seed)
    n_words = sum(len(t) for t in ds['tokens'])

    def tokenizer_only(batch):
        return tokenizer(batch['tokens'], is_split_into_words=True, truncation=True, max_length=max_length)

    def baseline(): return ds.map(tokenizer_only, batched=True, remove_columns=ds.column_names)
    def aligned():
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')  # truncation reports, if a small --max-length cuts sentences
            return tokenize_and_align(ds, tokenizer, max_length=max_length)
    def course_loop(batch):  # the course's tokenize_and_align_labels, with the names-based B->I map
        enc = tokenizer(batch['tokens'], is_split_into_words=True, truncation=True, max_length=max_length)
        enc['labels'] = [align_labels_with_tokens(tags, enc.word_ids(i), CONLL2003_LABELS) for i, tags in enumerate(batch['ner_tags'])]
        return enc
    def python_loop(): return ds.map(course_loop, batched=True, remove_columns=ds.column_names)
    words = ds[:]['tokens']
    def raw_call(): return tokenizer(words, is_split_into_words=True, truncation=True, max_length=max_length)

    n_tokens = sum(len(x) for x in aligned()['input_ids'])  # also the warm-up of the aligned side
    assert python_loop()['labels'] == aligned()['labels']  # same labels both ways
    baseline(); raw_call()
    runs = {'tokenizer_map': [], 'tokenize_and_align': [], 'tokenizer_raw_call': [], 'python_loop_map': []}  # (wall, cpu) s
    for _ in range(args.repeats):
        runs['tokenizer_map'].append(timed(baseline))
        runs['tokenize_and_align'].append(timed(aligned))
        runs['tokenizer_raw_call'].append(timed(raw_call))
        runs['python_loop_map'].append(timed(python_loop))

    best = {k: min(w for w, _ in v) for k, v in runs.items()}
    median = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
    best_cpu = {k: min(c for _, c in v) for k, v in runs.items()}
    ratios = [a[0] / b[0] for a, b in zip(runs['tokenize_and_align'], runs['tokenizer_map'])]
    result = dict(
        sentences=args.sentences, words=n_words, tokens=n_tokens, seed=args.seed, checkpoint=checkpoint,
        tokenizer=type(tokenizer).__name__, max_length=max_length, repeats=args.repeats,
        baseline='the same batched Dataset.map (batch_size=1000, remove_columns) calling only the tokenizer',
        median_wall_s=median, best_wall_s=best, best_cpu_s=best_cpu,
        runs_wall_s={k: [round(w, 4) for w, _ in v] for k, v in runs.items()},
        ratio=statistics.median(ratios), ratio_of_medians=median['tokenize_and_align'] / median['tokenizer_map'],
        ratio_best=best['tokenize_and_align'] / best['tokenizer_map'],
        ratio_best_cpu=best_cpu['tokenize_and_align'] / best_cpu['tokenizer_map'],
        target_ratio=1.2,
        versions=dict(python=platform.python_version(), transformers=transformers.__version__, datasets=datasets.__version__,
                      tokenizers=tokenizers.__version__),
        machine=dict(platform=platform.platform(), cpus=os.cpu_count()))
    print(f"{args.sentences} sentences, {n_words} words, {n_tokens} tokens ({result['tokenizer']}, max_length={max_length})")
    print(f"tokenizer alone, batched Dataset.map: median {median['tokenizer_map']:.3f} s, best {best['tokenizer_map']:.3f} s")
    print(f"tokenize_and_align:                   median {median['tokenize_and_align']:.3f} s, best {best['tokenize_and_align']:.3f} s")
    print(f"ratio {result['ratio']:.2f}x (median of {args.repeats} paired runs; best runs {result['ratio_best']:.2f}x, "
          f"best CPU times {result['ratio_best_cpu']:.2f}x); target <= 1.2x")
    print(f"for context, the raw tokenizer call on all sentences at once, without Dataset.map: "
          f"median {median['tokenizer_raw_call']:.3f} s")
    print(f"and the course's per-token Python loop in the same map: median {median['python_loop_map']:.3f} s "
          f"({median['python_loop_map'] / median['tokenizer_map']:.2f}x the tokenizer alone)")
    result['ratio_python_loop'] = median['python_loop_map'] / median['tokenizer_map']
    # the alignment step alone, outside Dataset.map, in CPU seconds (steadier than wall time on a busy machine)
    enc = raw_call()
    word_ids, tags = [e.word_ids for e in enc.encodings], ds[:]['ner_tags']
    def loop(): return [align_labels_with_tokens(t, w, CONLL2003_LABELS) for t, w in zip(tags, word_ids)]
    def vectorised(): return align_batch(word_ids, tags, CONLL2003_LABELS)
    alone = {name: min(timed(fn)[1] for _ in range(args.repeats)) for name, fn in
             (('tokenizer_raw_call', raw_call), ('align_python_loop', loop), ('align_batch_numpy', vectorised))}
    result['step_alone_best_cpu_s'] = alone
    print(f"the steps alone (best CPU time): tokenizer call {alone['tokenizer_raw_call']:.3f} s, alignment by the per-token "
          f"loop {alone['align_python_loop']:.3f} s, by align_batch (numpy) {alone['align_batch_numpy']:.3f} s")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2) + '\n')
    print(f'results written to {args.json}')
    return result


if __name__ == '__main__':
    main()
