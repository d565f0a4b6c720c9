"""Write the bundled sample in the layout of the Hub's parquet branch, `ner_course/sample/hub/conll2003/SPLIT/0000.parquet`,
from its CoNLL files. Lesson 01 loads that copy at the top in smoke mode, and checks that it matches the files: run this
again after changing them.

    python tools/make_sample_hub.py
"""
import shutil
from datasets.utils.logging import disable_progress_bar
from ner_course.data import read_conll_splits, sample_hub_dir, write_hub_parquet
from ner_course.setup import sample_dir

if __name__ == "__main__":
    disable_progress_bar()
    sample = read_conll_splits({s: sample_dir()/f'{s}.conll' for s in ('train', 'validation', 'test')})
    root = sample_hub_dir()
    if root.exists(): shutil.rmtree(root)
    write_hub_parquet(sample, root)
    print(f"wrote {', '.join(f'{s} ({d.num_rows})' for s, d in sample.items())} to {root}")
