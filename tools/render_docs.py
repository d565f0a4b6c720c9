"""Render the lessons to HTML without Quarto.

    python tools/render_docs.py [--out _site]

nbdev processes the notebooks as it does for the real site (`_proc/`: directives applied, `show_doc` output
added, hidden cells removed); nbconvert then writes one HTML page per notebook, with its title and summary
from the front matter and the plots embedded. The GitHub deploy workflow builds the real Quarto site.
"""
import argparse, json, os, re, shutil, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
SITE = 'https://ner-course.github.io/ner_course/'

def front_matter(nb) -> dict:
    "The YAML front matter nbdev writes into the first raw cell (title, description)"
    import yaml
    for cell in nb.cells:
        if cell.cell_type == 'raw' and cell.source.startswith('---'):
            return yaml.safe_load(cell.source.strip().strip('-')) or {}
    return {}

QUARTO_ATTRS = re.compile(r'\{(?:target|style|\.)[^}]*\}')

def for_html(cell):
    "Do what Quarto does with nbdev's cell options: `echo: false` hides the source, `output: asis` is markdown"
    opts = [l for l in cell.source.splitlines() if l.startswith('#| ')]
    cell.source = '\n'.join(l for l in cell.source.splitlines() if not l.startswith('#| ')).strip()
    if '#| echo: false' in opts: cell.metadata['transient'] = {'remove_source': True}
    for o in cell.get('outputs', []):
        md = o.get('data', {}).get('text/markdown')
        if md: o['data']['text/markdown'] = QUARTO_ATTRS.sub('', md)
    return cell

def render(proc:Path, out:Path) -> list:
    "Write out/NAME.html for each processed notebook; return the pages written"
    import nbformat
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name='lab')
    exporter.exclude_input_prompt = exporter.exclude_output_prompt = True
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    paths = sorted(proc.glob('*.ipynb'), key=lambda p: (p.name != 'index.ipynb', p.name))  # the sidebar's order
    for path in paths:
        raw = json.loads(path.read_text(encoding='utf-8'))
        for c in raw['cells']: c['metadata'] = {}  # run timings written by nbdev don't validate
        nb = nbformat.reads(json.dumps(raw), as_version=4)
        fm = front_matter(nb)
        title = fm.get('title', path.stem)
        head = f"# {title}" + (f"\n\n> {fm['description']}" if fm.get('description') else '')
        nb.cells = [nbformat.v4.new_markdown_cell(head)] + [for_html(c) for c in nb.cells if c.cell_type != 'raw']
        html, _ = exporter.from_notebook_node(nb, resources={'metadata': {'name': title}})
        html = html.replace(SITE, '')  # nbdev links symbols to the live site; locally the pages link to each other
        name = re.sub(r'^\d+[a-zA-Z0-9]*_', '', path.stem.lower()) + '.html'
        (out/name).write_text(html, encoding='utf-8')
        pages.append(dict(page=name, notebook=path.name, title=title))
    for i, p in enumerate(pages):  # previous/next links, as Quarto's page-navigation adds them
        prev, nxt = pages[i - 1] if i else None, pages[i + 1] if i + 1 < len(pages) else None
        nav = '<nav class="page-navigation" style="display:flex;justify-content:space-between;margin:2em 1em">'
        nav += f'<a class="page-nav prev" href="{prev["page"]}">&larr; {prev["title"]}</a>' if prev else '<span></span>'
        nav += f'<a class="page-nav next" href="{nxt["page"]}">{nxt["title"]} &rarr;</a>' if nxt else '<span></span>'
        html = (out/p['page']).read_text(encoding='utf-8').replace('</body>', nav + '</nav></body>', 1)
        (out/p['page']).write_text(html, encoding='utf-8')
    links = '\n'.join(f'<li><a href="{p["page"]}">{p["title"]}</a> ({p["notebook"]})</li>' for p in pages)
    (out/'pages.html').write_text(f'<html><head><title>ner_course pages</title></head><body><h1>ner_course</h1><ul>{links}</ul></body></html>')
    (out/'pages.json').write_text(json.dumps(pages, indent=1))
    return pages

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--out', default=str(root/'_site'), help='output folder')
    p.add_argument('--n-workers', type=int, default=2)
    args = p.parse_args(argv)
    os.chdir(root)
    os.environ.setdefault('HF_HUB_OFFLINE', '1')
    from nbdev.serve import proc_nbs
    cache = proc_nbs(str(root/'nbs'), n_workers=args.n_workers, force=True)
    pages = render(Path(cache), Path(args.out))
    print(f"rendered {len(pages)} pages to {args.out}")

if __name__ == '__main__': main()
