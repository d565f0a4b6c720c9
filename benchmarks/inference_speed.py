"""How much faster is inference in batches than one sentence at a time?

Runs `ner_course.inference.time_batched_inference` on a synthetic corpus (`ner_course.smoke.synthetic_corpus`,
news-like sentence lengths): the same sentences through the same code, `predict_dataset`, with `--batch-size`
sentences per forward pass and with one. Both sides tokenize the same way (lesson 01's windows), sort by length,
and label every word; only the batch size differs. The fastest of `--repeats` runs of each counts.

The model's weights don't change the speed, so by default the tiny local checkpoint is used as it is (no training);
`--size base` builds a randomly initialised model the size of bert-base-cased (12 layers, 768 wide) with the same
tokenizer, for a realistic cost per token. `--model DIR` times a saved model instead. The target is a ratio of 5x.

    python benchmarks/inference_speed.py                         # tiny model, 2,000 sentences, batches of 32
    python benchmarks/inference_speed.py --size base --sentences 1000
    python benchmarks/inference_speed.py --model ner-model --batch-size 64
"""
import argparse, json, os, platform, sys, tempfile
from pathlib import Path

os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
os.environ.setdefault('USE_TF', '0')  # PyTorch only: don't load TensorFlow too


def base_sized_model(folder):
    "A randomly initialised BERT-base-sized token classifier with the tiny checkpoint's tokenizer and labels, saved in `folder`"
    from transformers import AutoTokenizer, BertConfig, BertForTokenClassification
    from ner_course.setup import build_tiny_checkpoint
    tiny = build_tiny_checkpoint()
    tokenizer, small = AutoTokenizer.from_pretrained(tiny), BertConfig.from_pretrained(tiny)
    config = BertConfig(vocab_size=small.vocab_size, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                        intermediate_size=3072, max_position_embeddings=512, id2label=small.id2label, label2id=small.label2id,
                        architectures=['BertForTokenClassification'])
    BertForTokenClassification(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--sentences', type=int, default=2000, help='size of the synthetic corpus (default 2000)')
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--batch-size', type=int, default=32, help='the batch size compared with 1 (default 32)')
    p.add_argument('--repeats', type=int, default=3, help='timed runs of each side, after a warm-up (default 3)')
    g = p.add_mutually_exclusive_group()
    g.add_argument('--model', help='a saved model folder to time (default: the tiny local checkpoint)')
    g.add_argument('--size', choices=['tiny', 'base'], default='tiny', help='tiny checkpoint, or a random bert-base-sized model')
    p.add_argument('--device', default=None, help="'cpu' or 'cuda' (default: a GPU when there is one)")
    p.add_argument('--threads', type=int, default=None, help="torch's CPU threads (default: torch's choice)")
    p.add_argument('--json', default=str(Path(__file__).with_name('inference_speed.json')), help='where to write the results')
    args = p.parse_args(argv)

    import torch, transformers
    from datasets.utils.logging import disable_progress_bar
    from transformers.utils import logging as hf_logging
    from ner_course.inference import load_ner_model, time_batched_inference
    from ner_course.setup import build_tiny_checkpoint, synthetic_corpus
    disable_progress_bar(); hf_logging.set_verbosity_error()
    if args.threads: torch.set_num_threads(args.threads)
    if args.model: model_dir, what = args.model, args.model
    elif args.size == 'base': model_dir, what = base_sized_model(tempfile.mkdtemp()), 'random BERT-base-sized model (12x768)'
    else: model_dir, what = build_tiny_checkpoint(), 'tiny local BERT (2x64)'
    sentences = [words for words, _ in synthetic_corpus(args.sentences, seed=args.seed)]
    words = sum(map(len, sentences))
    pair = load_ner_model(model_dir, device=args.device)
    r = time_batched_inference(pair, sentences, batch_size=args.batch_size, repeats=args.repeats)
    result = dict(**r, words=words, model=what, repeats=args.repeats, target_ratio=5.0,
                  torch_threads=torch.get_num_threads(),
                  gpu=torch.cuda.get_device_name() if torch.cuda.is_available() and r['device'].startswith('cuda') else None,
                  versions=dict(python=platform.python_version(), torch=torch.__version__, transformers=transformers.__version__),
                  machine=dict(platform=platform.platform(), cpus=os.cpu_count()))
    print(f"{what} on {r['device']}: {args.sentences} synthetic sentences, {words} words")
    print(f"batches of {args.batch_size}: {r['batched_per_s']:.1f} sentences/s")
    print(f"one at a time:  {r['one_at_a_time_per_s']:.1f} sentences/s")
    print(f"ratio {r['ratio']:.1f}x (target >= 5x)")
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=2) + '\n')
    print(f'results written to {args.json}')
    return result


if __name__ == '__main__':
    main()
