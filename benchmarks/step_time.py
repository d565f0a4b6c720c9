"""Where a CPU training step's time goes, by batch size: forward and backward, gradient clipping, the optimizer.

The model is the benchmark's (`ner-course bench` on a CPU): a random BERT, 4 layers, 256 wide, `bert-base-cased`'s
vocabulary size, 9 labels. Batches are `rows` sentences of `width` tokens, no padding. Each figure is the median of
15 steps after 3 warm-up steps. Lesson 03 quotes these figures for the course's CPU batch floor (`MIN_BATCH`).

    python benchmarks/step_time.py [--threads N]
"""
import argparse, os, statistics, time
os.environ.setdefault('USE_TF', '0')
import torch
from transformers import BertConfig, BertForTokenClassification


def step(model, opt, rows, width):
    ids = torch.randint(1000, 20000, (rows, width))
    labels = torch.randint(0, 9, (rows, width))
    t0 = time.perf_counter()
    model(input_ids=ids, attention_mask=torch.ones_like(ids), labels=labels).loss.backward()
    t1 = time.perf_counter()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    t2 = time.perf_counter()
    opt.step(); opt.zero_grad()
    return t1 - t0, t2 - t1, time.perf_counter() - t2


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--threads', type=int, help="torch threads (default: torch's)")
    args = p.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = BertForTokenClassification(BertConfig(vocab_size=28996, hidden_size=256, num_hidden_layers=4, num_attention_heads=4,
                                                  intermediate_size=1024, num_labels=9))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-4, fused=True)  # the Trainer's default on torch >= 2.8
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads; milliseconds per step (median of 15)")
    print(f"{'sentences':>9} {'tokens':>6} {'fwd+bwd':>8} {'clip':>6} {'AdamW':>6} {'total':>7} {'us/position':>12}")
    for rows, width in [(8, 46), (16, 23), (32, 23), (64, 23), (128, 23)]:
        for _ in range(3): step(model, opt, rows, width)
        times = [step(model, opt, rows, width) for _ in range(15)]
        f, c, o = (statistics.median(t[i] for t in times) * 1000 for i in range(3))
        print(f"{rows:>9} {width:>6} {f:8.1f} {c:6.1f} {o:6.1f} {f + c + o:7.1f} {(f + c + o) / (rows * width) * 1000:12.1f}")


if __name__ == '__main__':
    main()
