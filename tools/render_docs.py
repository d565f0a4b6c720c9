"""Render the lessons to HTML without Quarto.

    python tools/render_docs.py [--out _site]

nbdev processes the notebooks as it does for the real site (`_proc/`: directives applied, `show_doc` output
added, hidden cells removed); nbconvert then writes one HTML page per notebook, with its title and summary
from the front matter and the plots embedded. On top of nbconvert, each page gets what Quarto gives the real
site (nbs/_quarto.yml): heading ids made the way Pandoc makes them (`Seqeval` -> `seqeval`, so nbdev's links
`metrics.html#seqeval` resolve), a contents list of the page's h2/h3 sections under the title, and
previous/next links under the title and at the bottom. A title's `code` shows as code, never as backticks.
The GitHub deploy workflow builds the real Quarto site.
"""
import argparse, html, json, os, re
from pathlib import Path

root = Path(__file__).resolve().parent.parent
SITE = 'https://ner-course.github.io/ner_course/'
TOP = '<!--page-top-->'  # a markdown cell under the title: replaced by the top navigation and the contents list
STYLE = ('<style>.page-navigation{display:flex;justify-content:space-between;gap:1em;margin:1.5em 1em}'
         '#TOC{margin:0 1em 1.5em;font-size:90%}#TOC ul{margin:.3em 0;padding-left:1.2em;columns:18em}'
         '#TOC li{break-inside:avoid}#TOC .toc-h3{margin-left:1.2em}</style>')

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

def plain(title:str) -> str: return re.sub(r'`([^`]*)`', r'\1', title)  # for <title> and pages.json
def as_html(title:str) -> str: return re.sub(r'`([^`]*)`', r'<code>\1</code>', html.escape(title))  # for links

def pandoc_id(text:str, used:set) -> str:
    "The id Pandoc (so Quarto) gives a heading: lower case, only letters, digits, `_-.`, words joined by `-`, unique"
    words = ''.join(c for c in text.lower() if c.isalnum() or c in '_-.' or c.isspace()).split()
    ident = '-'.join(words)
    while ident and not ident[0].isalpha(): ident = ident[1:]
    ident = ident or 'section'
    base, n = ident, 0
    while ident in used: n += 1; ident = f'{base}-{n}'
    used.add(ident)
    return ident

HEADING = re.compile(r'<h([1-6])([^>]*)>(.*?)</h\1>', re.S)

def quarto_ids(page:str) -> tuple:
    "Give every heading Pandoc's id (and fix its ¶ link); return the page and its (level, id, html) headings"
    used, heads = set(), []
    def fix(m):
        level, attrs, inner = m.groups()
        inner = re.sub(r'<a class="anchor-link"[^>]*>¶</a>', '', inner)
        attrs = re.sub(r'\s*id="[^"]*"', '', attrs)
        if 'class="title"' in attrs: return f'<h1{attrs}>{inner}</h1>'  # Quarto's title block: no id
        ident = pandoc_id(html.unescape(re.sub(r'<[^>]+>', '', inner)), used)
        heads.append((int(level), ident, inner))
        return f'<h{level} id="{ident}"{attrs}>{inner}<a class="anchor-link" href="#{ident}">¶</a></h{level}>'
    page = re.sub(r'<h1(?=[ >])', '<h1 class="title"', page, count=1)  # the first h1 is the page's title
    return HEADING.sub(fix, page), heads

def page_nav(prev, nxt, where:str) -> str:
    "Previous/next links, as Quarto's page-navigation draws them"
    prev = f'<a class="page-nav prev" href="{prev["page"]}">&larr; {as_html(prev["title_md"])}</a>' if prev else '<span></span>'
    nxt = f'<a class="page-nav next" href="{nxt["page"]}">{as_html(nxt["title_md"])} &rarr;</a>' if nxt else '<span></span>'
    return f'<nav class="page-navigation page-navigation-{where}">{prev}{nxt}</nav>'

def contents(heads) -> str:
    "The page's h2/h3 sections, linked to their ids (Quarto's `toc`)"
    unlink = lambda inner: re.sub(r'</?a\b[^>]*>', '', inner)  # a link inside a heading can't sit inside the contents' link
    items = ''.join(f'<li class="toc-h{lvl}"><a href="#{i}">{unlink(inner)}</a></li>' for lvl, i, inner in heads if lvl in (2, 3))
    return f'<nav id="TOC" role="doc-toc"><strong>On this page</strong><ul>{items}</ul></nav>' if items else ''

def render(proc:Path, out:Path) -> list:
    "Write out/NAME.html for each processed notebook; return the pages written"
    import nbformat
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name='lab')
    exporter.exclude_input_prompt = exporter.exclude_output_prompt = True
    out.mkdir(parents=True, exist_ok=True)
    pages, htmls = [], []
    paths = sorted(proc.glob('*.ipynb'), key=lambda p: (p.name != 'index.ipynb', p.name))  # the sidebar's order
    for path in paths:
        raw = json.loads(path.read_text(encoding='utf-8'))
        for c in raw['cells']: c['metadata'] = {}  # run timings written by nbdev don't validate
        nb = nbformat.reads(json.dumps(raw), as_version=4)
        fm = front_matter(nb)
        title = str(fm.get('title', path.stem))
        head = f"# {title}" + (f"\n\n> {fm['description']}" if fm.get('description') else '')
        nb.cells = ([nbformat.v4.new_markdown_cell(head), nbformat.v4.new_markdown_cell(TOP)]
                    + [for_html(c) for c in nb.cells if c.cell_type != 'raw'])
        page, _ = exporter.from_notebook_node(nb, resources={'metadata': {'name': plain(title)}})
        page = page.replace(SITE, '')  # nbdev links symbols to the live site; locally the pages link to each other
        name = re.sub(r'^\d+[a-zA-Z0-9]*_', '', path.stem.lower()) + '.html'
        htmls.append(quarto_ids(page))
        pages.append(dict(page=name, notebook=path.name, title=plain(title), title_md=title))
    for i, (p, (page, heads)) in enumerate(zip(pages, htmls)):
        prev, nxt = pages[i - 1] if i else None, pages[i + 1] if i + 1 < len(pages) else None
        page = page.replace(TOP, page_nav(prev, nxt, 'top') + contents(heads), 1)
        page = page.replace('</main>', page_nav(prev, nxt, 'bottom') + '</main>', 1).replace('</head>', STYLE + '</head>', 1)
        (out/p['page']).write_text(page, encoding='utf-8')
    links = '\n'.join(f'<li><a href="{p["page"]}">{as_html(p["title_md"])}</a> ({p["notebook"]})</li>' for p in pages)
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
