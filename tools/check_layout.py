"""Check the package's layout: each notebook `NN_name.ipynb` exports `ner_course.name`, no module imports from a later
notebook (at the top or inside a function), and there is no import cycle. Exit code 1 and one line per fault otherwise.

    python tools/check_layout.py                 # the package in this repository
    python tools/check_layout.py --self-test     # also show that each kind of fault is caught, on broken copies
"""
import argparse, ast, json, re, shutil, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = 'ner_course'


def exported_modules(nbs: Path) -> dict:
    "module name -> (notebook number, notebook file) for every notebook with a `#| default_exp`"
    out = {}
    for nb in sorted(nbs.glob('[0-9][0-9]_*.ipynb')):
        for cell in json.loads(nb.read_text())['cells']:
            m = re.search(r'^#\|\s*default_exp\s+(\S+)', ''.join(cell['source']), re.M)
            if m: out[m.group(1)] = (int(nb.name[:2]), nb.name); break
    return out


def imports_of(path: Path) -> set:
    "The `ner_course` modules a file imports, anywhere in it"
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1: base = node.module
            elif node.module and node.module.startswith(PKG + '.'): base = node.module[len(PKG) + 1:]
            elif node.module == PKG: found |= {a.name for a in node.names}; continue
            else: continue
            if base: found.add(base.split('.')[0])
            else: found |= {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split('.')[1] for a in node.names if a.name.startswith(PKG + '.')}
    return found


def check(root: Path) -> list:
    faults, mods = [], exported_modules(root/'nbs')
    for name, (num, nb) in mods.items():
        want = re.sub(r'^\d\d_', '', nb[:-len('.ipynb')])
        if name != want: faults.append(f"{nb} exports ner_course.{name}: name the notebook NN_{name}.ipynb or the module {want}")
    files = {p.stem: p for p in (root/PKG).glob('*.py') if not p.stem.startswith('_')}
    for stem in files:
        if stem not in mods: faults.append(f"ner_course/{stem}.py comes from no notebook")
    graph = {stem: imports_of(p) & set(files) for stem, p in files.items()}
    for stem, deps in sorted(graph.items()):
        for dep in sorted(deps):
            if stem in mods and dep in mods and mods[dep][0] >= mods[stem][0] and dep != stem:
                faults.append(f"ner_course.{stem} ({mods[stem][1]}) imports ner_course.{dep} from a later notebook ({mods[dep][1]})")
    state = {}
    def visit(n, path):
        state[n] = 'open'
        for d in sorted(graph.get(n, ())):
            if state.get(d) == 'open': faults.append('import cycle: ' + ' -> '.join(path[path.index(d):] + [d]))
            elif d not in state: visit(d, path + [d])
        state[n] = 'done'
    for n in sorted(graph):
        if n not in state: visit(n, [n])
    return faults


def self_test() -> bool:
    "Break a copy of the package in each way, and check that each break is found"
    ok = True
    breaks = {
        'a module importing a later notebook': ('setup.py', 'from .cli import main\n'),
        'an import inside a function': ('data.py', 'def _late():\n    from ner_course.trainer import load_model\n'),
        'an import cycle': ('bench.py', 'from .cli import main\n'),
    }
    for what, (name, line) in breaks.items():
        with tempfile.TemporaryDirectory() as d:
            copy = Path(d)
            shutil.copytree(ROOT/'nbs', copy/'nbs'); shutil.copytree(ROOT/PKG, copy/PKG)
            p = copy/PKG/name
            p.write_text(p.read_text() + '\n' + line)
            if what == 'an import cycle': (copy/PKG/'cli.py').write_text((copy/PKG/'cli.py').read_text() + '\nfrom .bench import run_benchmark\n')
            found = check(copy)
            if what == 'an import cycle': found = [f for f in found if f.startswith('import cycle')]
            print(f"  self-test, {what}: {'caught' if found else 'MISSED'}: {found[0] if found else ''}")
            ok &= bool(found)
    with tempfile.TemporaryDirectory() as d:
        copy = Path(d)
        shutil.copytree(ROOT/'nbs', copy/'nbs'); shutil.copytree(ROOT/PKG, copy/PKG)
        (copy/'nbs'/'05_trainer.ipynb').rename(copy/'nbs'/'05_training.ipynb')
        found = check(copy)
        print(f"  self-test, a notebook whose module has another name: {'caught' if found else 'MISSED'}: {found[0] if found else ''}")
        ok &= bool(found)
    return ok


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--self-test', action='store_true')
    args = p.parse_args()
    faults = check(ROOT)
    for f in faults: print('FAULT:', f)
    mods = exported_modules(ROOT/'nbs')
    print(f"{len(mods)} modules, each named after its notebook; imports only from earlier notebooks; no cycle" if not faults
          else f"{len(faults)} layout fault(s)")
    ok = not faults
    if args.self_test: ok &= self_test()
    sys.exit(0 if ok else 1)
