"""How long the span-level error analysis takes next to seqeval's scoring, on a CoNLL-test-sized split.
Run: python benchmarks/errors_speed.py   (for the lead: copy to benchmarks/ if wanted)"""
import random, time
from ner_course.data import load_ner_dataset, label_names
from ner_course.metrics import compute_seqeval, error_report

dsd = load_ner_dataset('sample')
names, ds = label_names(dsd), dsd['test']
references = [[names[t] for t in ts] for ts in ds['ner_tags']] * 35  # 3,500 sentences, about CoNLL's test split
words = list(ds['tokens']) * 35
rng = random.Random(0)
predictions = [[rng.choice(names) if rng.random() < 0.05 else t for t in s] for s in references]
for mode in (None, 'strict'):
    t0 = time.perf_counter(); compute_seqeval(predictions, references, mode=mode); t1 = time.perf_counter()
    error_report(words, predictions, references, mode=mode); t2 = time.perf_counter()
    print(f'mode={mode}: compute_seqeval {t1 - t0:.2f} s, error_report {t2 - t1:.2f} s '
          f'({len(references)} sentences, {sum(map(len, references))} words)')
