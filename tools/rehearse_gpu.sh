#!/usr/bin/env bash
# The rehearsal on a GPU (issue 14), as one command for the device tool: lessons 05-08 in full mode on the stand-ins
# (lesson 00), with all the data, each training capped to one epoch (NER_COURSE_REHEARSAL=epoch; the resume demos stop halfway), in the mixed precision
# the course picks (bf16 where supported, else fp16); lesson 07 (Keras) too where TensorFlow is installed. One notebook at a
# time, each measured: wall time, and the peaks of GPU memory, RAM and disk above where it started.
# Writes $OUT/gpu_rehearsal.json (default benchmarks/results/) and ends with `N passed, N failed`. Meant to take under 8 minutes.
#
#   bash tools/rehearse_gpu.sh                  # on the GPU machine
#   TINY=1 OUT=/tmp bash tools/rehearse_gpu.sh  # test the script on a CPU: the CPU rehearsal's caps instead of one epoch
#
# The device machine has torch, transformers 5 and accelerate: carry the rest as wheels in .whl/ (see tools/gpu_wheels.txt).
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${OUT:-benchmarks/results}; mkdir -p "$OUT"
if [ -d .whl ]; then  # the wheels, then the project itself (lesson 06 launches the `ner-course` program on two processes)
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
  python3 -m pip install -q --no-index --no-deps --no-build-isolation --no-cache-dir --target /tmp/site . || exit 1
  export PYTHONPATH=/tmp/site${PYTHONPATH:+:$PYTHONPATH} PATH=/tmp/site/bin:$PATH
fi
export PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false TF_CPP_MIN_LOG_LEVEL=3
python3 -c "import torch, transformers; print('torch', torch.__version__, '| transformers', transformers.__version__, '|',
torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'no GPU')"
nbs="nbs/05_trainer.ipynb nbs/06_loop.ipynb nbs/08_inference.ipynb"
python3 -c "import tensorflow, tf_keras" 2>/dev/null && nbs="$nbs nbs/07_keras.ipynb"
cap=--epoch; [ -n "${TINY:-}" ] && cap=
timeout -k 15 "${LIMIT:-470}" python3 tools/rehearse.py $cap --measure "$OUT/gpu_rehearsal.json" $nbs
