"""The loss and validation-F1 curves of one training recipe, one epoch on the bench's corpus (issue 25).

Why the course's recipe as it was (batches of 32 by token budget, the learning rate grown in proportion, no warmup)
ended far below the seeds' one (random batches of 8): each run evaluates 8 times an epoch and records (step, training
seconds with evaluation left out, validation F1), and the training loss every 1/32 epoch. Run the recipes one after
another, on a quiet machine, and compare; `ner-course bench` gives the time to a target F1 from the same kind of curve.

    python benchmarks/recipe_curves.py SENTENCES NAME BATCHING BATCH LR WARMUP [MODEL] [SEED] [OUT_FOLDER]
    python benchmarks/recipe_curves.py 14000 seeds random 8 5e-4 0       # the chapter's recipe, the random BERT
    python benchmarks/recipe_curves.py 14000 course budget 8 5e-4 0.1    # lesson 03's: 16 sentences at 1e-3, warmup
    python benchmarks/recipe_curves.py 14000 no-warmup budget 8 5e-4 0   # the same without the warmup
    python benchmarks/recipe_curves.py 14000 budget8-no-growth budget:8 8 5e-4 0  # the token budget, not grown

BATCHING is 'random' (the seeds') or 'budget' (the course's, which lesson 03's batch_plan grows to its CPU floor,
MIN_BATCH['cpu'], with the learning rate), or 'budget:N', the same with a CPU floor of N instead; WARMUP is the
share of the steps with a linear warmup (it replaces batch_plan's). The runs at 32 in benchmarks/results/recipe_curves/
(course-now, course-warm, sqrt-warm) were made when the floor was 32. MODEL 'random' is the bench's 4-layer,
256-wide BERT, or a model folder. One JSON per run in OUT_FOLDER (default benchmarks/results/recipe_curves). The corpus
is the bench's synthetic one.
"""
import contextlib, dataclasses, io, json, os, sys, tempfile, time
os.environ.setdefault('USE_TF', '0'); os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
from pathlib import Path

import torch
from transformers import TrainerCallback
from ner_course.collate import MIN_BATCH
from ner_course.bench import bench_corpus, bench_model, no_progress_bars, write_bench_files
from ner_course.data import label_names
from ner_course.setup import cache_dir, course_config
from ner_course.trainer import train_with_trainer, warmup_setting


class Clock(TrainerCallback):
    "Validation F1 against training seconds, evaluation time left out"
    def on_train_begin(self, *args, **kwargs): self.start, self.evals, self.rows = time.perf_counter(), 0.0, []
    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        self.evals += metrics.get('eval_runtime', 0)
        self.rows.append(dict(step=state.global_step, seconds=time.perf_counter() - self.start - self.evals,
                              f1=metrics.get('eval_f1')))


def main(n, name, batching, batch, lr, warmup, model='random', seed=0, out=None):
    n, batch, lr, warmup, seed = int(n), int(batch), float(lr), float(warmup), int(seed)
    if batching.startswith('budget:'): batching, MIN_BATCH['cpu'] = 'budget', int(batching.split(':')[1])
    data = cache_dir()/'recipe_curves'/f'corpus-{n}'
    if not (data/'train.conll').exists():
        corpus = bench_corpus(n, 1000, 0); data.mkdir(parents=True, exist_ok=True); write_bench_files(corpus, data)
        bench_model(data/'random', label_names(corpus))
    files = {s: str(data/f'{s}.conll') for s in ('train', 'validation')}
    checkpoint = str(data/'random') if model == 'random' else model
    cfg = dataclasses.replace(course_config('full', dataset=files, checkpoint=checkpoint, quiet=True),
                              epochs=1, batch_size=batch, learning_rate=lr)
    floor = MIN_BATCH['cpu'] if batching == 'budget' else batch  # lesson 03's batch_plan grows it to the floor
    steps = n // max(batch, floor)  # about: for the evaluation and logging intervals
    clock = Clock()
    with tempfile.TemporaryDirectory() as d, no_progress_bars(), contextlib.redirect_stdout(io.StringIO()):
        trainer, metrics = train_with_trainer(
            cfg, Path(d)/'model', seed=seed, batching=batching, disable_tqdm=True, use_cpu=True, callbacks=[clock],
            eval_strategy='steps', eval_steps=max(1, steps // 8), logging_strategy='steps',
            logging_steps=max(1, steps // 32), save_strategy='no', load_best_model_at_end=False, **warmup_setting(warmup))
    result = dict(name=name, sentences=n, batching=batching, batch_size=batch, learning_rate=lr, warmup_ratio=warmup,
                  model=model, seed=seed, cpu_floor=MIN_BATCH['cpu'], optimizer_steps=trainer.state.global_step,
                  f1=metrics['validation']['f1'],
                  curve=clock.rows, loss=[(h['step'], h['loss']) for h in trainer.state.log_history if 'loss' in h],
                  machine=dict(cpus=os.cpu_count(), load_average=os.getloadavg(), torch_threads=torch.get_num_threads()))
    folder = Path(out or Path(__file__).parent/'results'/'recipe_curves'); folder.mkdir(parents=True, exist_ok=True)
    (folder/f"{name}-{n}-{Path(model).name}-seed{seed}.json").write_text(json.dumps(result, indent=1) + '\n')
    by_step = ', '.join(f"{r['step']}: {r['f1']:.3f}" for r in clock.rows)
    print(f"{name}: {result['optimizer_steps']} steps, validation F1 {result['f1']:.4f}; F1 by step: {by_step}")


if __name__ == '__main__':
    if len(sys.argv) < 7: sys.exit(__doc__)
    main(*sys.argv[1:])
