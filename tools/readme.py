"""Write README.md from nbs/index.ipynb (Quarto, which nbdev-readme needs, isn't available everywhere).

    python tools/readme.py          # write README.md
    python tools/readme.py --check  # exit 1 if README.md differs from what index.ipynb gives
"""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
SITE = 'https://ner-course.github.io/ner_course/'  # the docs link lessons relatively; on GitHub the README needs the site

def absolute_links(text:str) -> str:
    "Relative links to doc pages (`](data.html)`) become links to the published site"
    return re.sub(r'\]\((?![a-z]+:|#|/)([\w./-]+\.html(?:#[\w-]*)?)\)', lambda m: f']({SITE}{m.group(1)})', text)

def render(nb_path=root/'nbs'/'index.ipynb') -> str:
    "Markdown cells as they are; visible code cells as fenced Python; hidden cells skipped"
    nb = json.loads(Path(nb_path).read_text())
    parts = []
    for cell in nb['cells']:
        src = ''.join(cell['source']).strip()
        if not src: continue
        if cell['cell_type'] == 'markdown': parts.append(absolute_links(src))
        elif cell['cell_type'] == 'code' and not any(l.strip() in ('#| hide', '#|hide') for l in src.splitlines()):
            parts.append(f"```python\n{src}\n```")
    return '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    text, readme = render(), root/'README.md'
    if '--check' in sys.argv:
        if readme.read_text() != text:
            sys.exit('README.md does not match nbs/index.ipynb: run `python tools/readme.py` and commit README.md.')
        print('README.md matches nbs/index.ipynb')
    else:
        readme.write_text(text)
        print(f'wrote {readme}')
