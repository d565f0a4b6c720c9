"""How much faster does the course's recipe train than the seeds' recipe? (issue 6)

A thin wrapper around `ner-course bench` (module `ner_course.bench`, lesson nbs/92_bench.ipynb): both recipes train the
same 4-layer, 256-wide BERT (built from its config, same seed) for one epoch on the same sentences, each in a fresh
process with the same number of threads; it prints training sentences/s and the ratio, pad efficiency, peak memory and
validation F1, and writes everything to a JSON file. Where CUDA is available it also runs the GPU part.

    python benchmarks/train_speed.py --sentences 14000 --json bench.json           # the issue's measurement
    python benchmarks/train_speed.py --sentences 14000 --align --inference --json bench.json
    python benchmarks/train_speed.py --smoke                                        # seconds: checks that it runs
    python benchmarks/train_speed.py --help                                         # every option
"""
import os, sys

os.environ.setdefault('USE_TF', '0')  # the benchmark is PyTorch only: don't spend start-up time importing TensorFlow
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')

from ner_course.cli import main

if __name__ == '__main__':
    sys.exit(main(['bench', *sys.argv[1:]]))
