"""Rehearse full mode: every notebook in full mode, offline, against local stand-ins of the Hub's model and datasets.

Full mode (CoNLL-2003 from the Hub, `bert-base-cased`, `#| slow` cells, every `if not cfg.smoke` branch) is what a
learner runs in Colab. Here it runs at full size on stand-ins (lesson 00: `NER_COURSE_STANDINS`; the checkpoints are
`bert-base-cased`- and `distilbert-base-uncased`-sized with random weights, the datasets CoNLL-2003 and WNUT-17 at their
split sizes), with the one knob that caps the work (`NER_COURSE_REHEARSAL`: lesson 05's `prepare_data` keeps a few
dozen sentences of each split once all are tokenized). One line per notebook, then `N passed, N failed`.

    python tools/rehearse.py                          # every notebook
    python tools/rehearse.py nbs/05_trainer.ipynb     # some
"""
import os, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import test_notebooks  # the README's test command: a fresh process per notebook, a line each, and the count

SETTINGS = dict(NER_COURSE_MODE='full', NER_COURSE_STANDINS='1', NER_COURSE_REHEARSAL='1',
                HF_HUB_OFFLINE='1', HF_DATASETS_OFFLINE='1', TRANSFORMERS_OFFLINE='1')

if __name__ == '__main__':
    from ner_course.setup import standins_dir
    os.environ.update(SETTINGS, HF_HUB_CACHE=str(standins_dir()/'hub'))
    from ner_course.setup import use_standins
    from ner_course.data import write_standin_datasets
    use_standins(); write_standin_datasets()  # built once, before the notebooks start two at a time
    sys.exit(test_notebooks.main(['--flags', 'slow', *sys.argv[1:]]))
