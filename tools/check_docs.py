"""Open each rendered page in headless Chromium and check what a reader sees.

    python tools/check_docs.py [--site _site] [--screenshot DIR]

For each page of `_site/pages.json` (written by tools/render_docs.py): the title is there, there is code and
output, every plot of the notebook is shown as an image, and no error text (a traceback, an exception) is on
the page. No output shows the build machine's paths, a library warning or log line, a progress bar drawn as
text, a numpy scalar repr, a bare return value or a CLI result tuple; links between pages are relative, and
every page has previous/next links. Prints one line per page and `N passed, N failed`; exits 1 on any failure.
"""
import argparse, json, re, shutil, subprocess, sys, tempfile
from html.parser import HTMLParser
from pathlib import Path

root = Path(__file__).resolve().parent.parent
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic']
# A cell that failed leaves a traceback; messages a lesson prints on purpose (the errors it teaches) are not failures
ERRORS = re.compile(r'Traceback \(most recent call last\)|Error in notebook|Exception ignored in')
# What no output may show a reader: the build machine's paths, library warnings and logs, progress bars drawn as text,
# numpy scalar reprs, a command's bare return value or a CLI result tuple
LEAKS = {
    'a path of the build machine': re.compile(r'(?<![\w.~])/(?:tmp|root|home|var/folders|private)/|site-packages|\.venv'),
    'a library warning': re.compile(r'\b(?:User|Future|Deprecation|Runtime)Warning\b|warnings\.warn\('),
    'a TensorFlow log line': re.compile(r'\bI0000 |\bW0000 |oneDNN custom operations|cuda_platform|absl::'),
    'a progress bar as text': re.compile(r'\d+%\|[^|\n]*\|\s*\d+/\d+|it/s\]|s/it\]'),
    'a numpy scalar repr': re.compile(r'\bnp\.(?:float|int)\d*\('),
    'a CLI result tuple': re.compile(r'^\(\d, ["\']', re.M),
}
SITE = 'https://ner-course.github.io/ner_course/'

def chromium() -> str:
    exe = shutil.which('chromium') or shutil.which('chromium-browser') or shutil.which('google-chrome')
    if not exe: sys.exit("Chromium not found: install Debian's `chromium` package (apt-get install chromium).")
    return exe

def dump_dom(page:Path, screenshot:Path|None=None) -> str:
    "The page's DOM after Chromium has loaded it (and a screenshot, if asked)"
    with tempfile.TemporaryDirectory() as profile:
        cmd = [chromium(), *FLAGS, f'--user-data-dir={profile}', '--virtual-time-budget=3000']
        if screenshot:
            subprocess.run(cmd + [f'--screenshot={screenshot}', '--window-size=1200,1600', page.as_uri()],
                           capture_output=True, timeout=120)
        return subprocess.run(cmd + ['--dump-dom', page.as_uri()], capture_output=True, text=True, timeout=120).stdout

class Page(HTMLParser):
    "Collect what the checks need from the DOM"
    def __init__(self):
        super().__init__()
        self.title, self.h1, self.code, self.outputs, self.images, self.text = '', '', 0, 0, 0, []
        self.output_texts, self.links, self.nav = [], [], []
        self._in, self._h1_done, self._out_depth = None, False, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get('class') or ''
        if tag == 'title' or (tag == 'h1' and not self.h1): self._in = tag
        if 'jp-CodeCell' in cls.split(): self.code += 1
        if tag == 'div' and self._out_depth: self._out_depth += 1
        elif tag == 'div' and 'jp-OutputArea-output' in cls.split():
            self.outputs += 1; self._out_depth = 1; self.output_texts.append('')
        if tag == 'img' and (a.get('src') or '').startswith('data:image'): self.images += 1
        if tag == 'a' and a.get('href'):
            self.links.append(a['href'])
            if 'page-nav' in cls: self.nav.append(a['href'])
    def handle_endtag(self, tag):
        if tag == self._in: self._in = None
        if tag == 'div' and self._out_depth: self._out_depth -= 1
    def handle_data(self, data):
        if self._in == 'title': self.title += data
        elif self._in == 'h1': self.h1 += data
        if self._out_depth: self.output_texts[-1] += data
        self.text.append(data)

def expected_images(nb:Path) -> int:
    "How many image outputs the notebook has (the plots the page must show)"
    cells = json.loads(nb.read_text())['cells']
    return sum(1 for c in cells for o in c.get('outputs', []) if any(k.startswith('image/') for k in o.get('data', {})))

def check(site:Path, screenshots:Path|None=None) -> tuple:
    pages = json.loads((site/'pages.json').read_text())
    passed = failed = 0
    for p in pages:
        dom = dump_dom(site/p['page'], screenshots/(Path(p['page']).stem + '.png') if screenshots else None)
        page = Page(); page.feed(dom)
        nb = root/'nbs'/p['notebook']
        problems = []
        if not dom: problems.append('Chromium returned no DOM')
        title = p['title'].replace('`', '')
        if title not in page.title.replace('`', '') or title not in page.h1.replace('¶', '').strip(): problems.append(f"title {p['title']!r} missing")
        if p['notebook'] != 'index.ipynb':
            if page.code == 0: problems.append('no code cells')
            if page.outputs == 0: problems.append('no outputs')
        want = expected_images(nb) if nb.exists() else 0
        if page.images < want: problems.append(f'{page.images} of {want} plots shown')
        err = ERRORS.search(' '.join(page.text))
        if err: problems.append(f'error text on the page: {err.group(0)!r}')
        for what, pat in LEAKS.items():
            hits = [m.group(0) for t in page.output_texts for m in [pat.search(t)] if m]
            if hits: problems.append(f'{what} in {len(hits)} output(s), e.g. {hits[0]!r}')
        if [t for t in page.output_texts if t.strip() in ('0', '1', '2')]: problems.append('a bare return value (0/1/2) as an output')
        absolute = [h for h in page.links if h.startswith(SITE)]
        if absolute: problems.append(f'{len(absolute)} link(s) to the live site where a relative link belongs, e.g. {absolute[0]}')
        if len(pages) > 1 and not page.nav: problems.append('no previous/next links')
        status = 'ok  ' if not problems else 'FAIL'
        print(f"{status} {p['page']:<22} code cells {page.code:3d}, outputs {page.outputs:3d}, plots {page.images}/{want}"
              + (f"  <- {'; '.join(problems)}" if problems else ''))
        passed, failed = passed + (not problems), failed + bool(problems)
    return passed, failed

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--site', default=str(root/'_site'))
    ap.add_argument('--screenshot', default=None, help='folder for one PNG per page')
    a = ap.parse_args()
    shots = Path(a.screenshot) if a.screenshot else None
    if shots: shots.mkdir(parents=True, exist_ok=True)
    passed, failed = check(Path(a.site), shots)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
