#!/usr/bin/env bash
# Build the wheel and sdist, install the wheel into a fresh venv with no repo on the path,
# and run the main job from there, using the sample corpus shipped as package data.
#     bash tools/check_package.sh [COMMAND...]     (default: ner-course train)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$repo"
rm -rf dist
python -m build --outdir "$work/dist" . > "$work/build.log" 2>&1 || { tail -20 "$work/build.log"; exit 1; }
ls "$work/dist"
wheel_files=$(python -m zipfile -l "$work"/dist/*.whl); sdist_files=$(tar tzf "$work"/dist/*.tar.gz)
grep -q 'ner_course/sample/train.conll' <<<"$wheel_files" || { echo "the wheel lacks the sample corpus"; exit 1; }
grep -q 'ner_course/sample/train.conll' <<<"$sdist_files" || { echo "the sdist lacks the sample corpus"; exit 1; }
for f in ner_course/heldout/heldout.conll ner_course/tiny_body/model.safetensors ner_course/tiny_body/NOTICE ner_course/vocab/NOTICE ner_course/vocab/bert-base-cased/vocab.txt ner_course/vocab/bert-base-uncased/vocab.txt; do
  grep -q "$f" <<<"$wheel_files" || { echo "the wheel lacks $f"; exit 1; }
  grep -q "$f" <<<"$sdist_files" || { echo "the sdist lacks $f"; exit 1; }
done
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q torch==2.13.0 2>&1 | grep -v '^WARNING: Location' || true
"$work/venv/bin/pip" install -q "$work"/dist/*.whl 2>&1 | grep -v '^WARNING: Location' || true
cd "$work"
export PYTHONPATH= HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false NER_COURSE_CACHE="$work/cache"
"$work/venv/bin/python" -c "import ner_course, sys; assert '$repo' not in ner_course.__file__, ner_course.__file__; print('installed at', ner_course.__file__)"
if [ $# -eq 0 ]; then  # the main job, then the tiny model from the shipped body
  "$work/venv/bin/ner-course" train
  "$work/venv/bin/ner-course" train --model tiny --output-dir tiny-model
  exit
fi
cmd=$1; shift
"$work/venv/bin/$cmd" "$@"
