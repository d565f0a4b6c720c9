"""How much faster does the course's recipe train than the chapter's settings? (issues 6 and 12)

A thin wrapper around `ner-course bench` (module `ner_course.bench`, lesson nbs/90_bench.ipynb): both recipes train
through `train_with_trainer`, the function `ner-course train` runs, on the same model, data and seed, each in a fresh
process; it prints training sentences/s and the ratio, pad efficiency, optimizer steps, peak memory and validation F1,
and writes everything to a JSON file. Where CUDA is available it also runs the GPU part (see benchmarks/gpu.sh).

    python benchmarks/train_speed.py --no-gpu --json bench.json                    # 14,000 synthetic sentences, one epoch
    python benchmarks/train_speed.py --data my_conll_folder --json bench.json      # your files
    python benchmarks/train_speed.py --model <pretrained folder> --epochs 3 --seeds 3 --data <folder>   # does the F1 hold?
    python benchmarks/train_speed.py --smoke                                       # seconds: checks that it runs
    python benchmarks/train_speed.py --help                                        # every option
"""
import os, sys

os.environ.setdefault('USE_TF', '0')  # the benchmark is PyTorch only: don't spend start-up time importing TensorFlow
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')

from ner_course.cli import main

if __name__ == '__main__':
    sys.exit(main(['bench', *sys.argv[1:]]))
