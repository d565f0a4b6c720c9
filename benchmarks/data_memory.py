"""Peak memory of `ner-course data` on a generated CoNLL file of about 50 MB (issue 23, item 6).
Usage: python data_memory.py [MB] [PYTHONPATH-of-the-package-to-measure]"""
import os, random, subprocess, sys, tempfile, time
from pathlib import Path

def write_conll(path, mb=50, seed=0):
    "A CoNLL-2003-like file of about `mb` MB: four columns, sentences of 5 to 30 words, some entities"
    rnd, words = random.Random(seed), [f'w{i}' for i in range(20000)] + ['Paris', 'EU', 'Ada', 'Lovelace', '.', ',']
    with open(path, 'w') as f:
        f.write('-DOCSTART- -X- -X- O\n\n')
        while f.tell() < mb * 1_000_000:
            tags, n = [], rnd.randint(5, 30)
            while len(tags) < n:
                if rnd.random() < .15:
                    t = rnd.choice(['PER', 'ORG', 'LOC', 'MISC']); tags += [f'B-{t}'] + [f'I-{t}'] * rnd.randint(0, 2)
                else: tags.append('O')
            f.write(''.join(f'{rnd.choice(words)} NN I-NP {t}\n' for t in tags[:n]) + '\n')
    return path

if __name__ == '__main__':
    mb = float(sys.argv[1]) if len(sys.argv) > 1 else 50
    env = dict(os.environ, PYTHONPATH=sys.argv[2]) if len(sys.argv) > 2 else dict(os.environ)
    path = write_conll(Path(tempfile.mkdtemp())/'train.conll', mb)
    code = ("import resource, sys; from ner_course.cli import main; code = main(['data', '--train', sys.argv[1]]); "
            "print('peak RSS MB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, file=sys.stderr); sys.exit(code)")
    start = time.time()
    r = subprocess.run([sys.executable, '-c', code, str(path)], env=env, capture_output=True, text=True)
    print(f"file {path.stat().st_size / 1e6:.1f} MB, {time.time() - start:.1f} s, exit {r.returncode}")
    print(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else '', r.stdout.strip().splitlines()[:2])
