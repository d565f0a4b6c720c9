"""Open each rendered page in headless Chromium and check what a reader sees.

    python tools/check_docs.py [--site _site] [--screenshot DIR]
    python tools/check_docs.py --self-test     # fake pages, one per fault: each must fail, the clean ones pass

For each page of `_site/pages.json` (written by tools/render_docs.py) a page FAILS when:
- content: the title is missing; a lesson has no code or no output; a plot of the notebook isn't shown as an image;
  error text (a traceback) is on the page; the course's calls for that lesson (COURSE_CALLS, below) are missing from
  the page's shown code (cell sources, not prose); more than 15% of the shown code cells hold nothing but checks
  (`test_*(...)` calls and `assert`s: those belong in `#| hide` cells).
- moving through: no previous/next links above the first code cell or below the last (both must link the pages
  before and after this one in the sidebar's order); no contents list (`nav#TOC`) above the first code cell
  listing every h2/h3; an `href="[page.html]#fragment"` to this page or another page of the site whose id isn't
  there; a relative `.html` link to a page the site doesn't have; a link to the live site where a relative link
  belongs; a literal backtick in the <title>, the h1 or a navigation link (a title's `code` must render as code).
- reading: a shown code line over 100 characters; an aligned word/label printout (a row of tags: `O`, `B-X`,
  `I-X`, ...) over 100 characters, which the browser wraps mid-row so the tags no longer sit under their words
  (such printouts wrap into blocks; a long line of prose, an error message say, may wrap); outputs showing the build machine's paths, library warnings or logs, progress
  bars drawn as text, a bare return value or a CLI result tuple (LEAKS), or a repr a learner must decode (REPRS;
  in outputs, not in nbdev's docs of a function, its text/markdown `show_doc` output).
- stderr: an error (stderr) box is allowed only for a message the lesson shows on purpose: its first line is
  `Name: message` where Name is one of the course's own warning/error classes (`class X(...Warning|Error|Exception)`
  in ner_course/), it has no traceback and no line of progress or scores (PROGRESS). Anything else on stderr
  (progress, scores, library logs and warnings) fails: normal output belongs on stdout.
Prints one line per page and `N passed, N failed`; exits 1 on any failure.
"""
import argparse, ast, json, re, shutil, subprocess, sys, tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

# The course's calls each lesson's shown code must contain (HF course ch. 7, the token-classification guide, run_ner.py)
COURSE_CALLS = {
    '01_data': ['load_dataset(', 'features'],
    '02_align': ['word_ids()', 'is_split_into_words=True'],
    '03_collate': ['DataCollatorForTokenClassification('],
    '04_metrics': ['seqeval', 'compute_metrics'],
    '05_trainer': ['TrainingArguments(', 'Trainer(', '.train()', 'compute_metrics', 'DataCollatorForTokenClassification('],
    '06_loop': ['accelerator.backward(', 'optimizer.step()', 'lr_scheduler.step()', 'optimizer.zero_grad()',
                'gather_for_metrics', 'accelerator.prepare(', 'save_pretrained('],
    '07_keras': ['model.compile(', 'model.fit('],
    '08_inference': ['pipeline(', 'aggregation_strategy', '.logits', 'argmax('],
}
MAX_CODE_LINE, MAX_LABEL_ROW, MAX_CHECKS_SHARE = 100, 100, 0.15
TAG = re.compile(r'^(?:O|[BIESLU]-[\w.-]+)$')  # one tag of an aligned word/label printout

def label_row(line:str) -> bool:
    "A row of tags, at least three, as under the words of an aligned printout"
    tags = line.split()
    return len(tags) >= 3 and all(TAG.match(t) for t in tags)

root = Path(__file__).resolve().parent.parent
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--disable-quic']
# A cell that failed leaves a traceback; messages a lesson prints on purpose (the errors it teaches) are not failures
ERRORS = re.compile(r'Traceback \(most recent call last\)|Error in notebook|Exception ignored in')
# What no output may show a reader: the build machine's paths, library warnings and logs, progress bars drawn as text,
# a command's bare return value or a CLI result tuple
LEAKS = {
    'a path of the build machine': re.compile(r'(?<![\w.~])/(?:tmp|root|home|var/folders|private)/|site-packages|\.venv'),
    'a library warning': re.compile(r'\b(?:User|Future|Deprecation|Runtime)Warning\b|warnings\.warn\('),
    'a TensorFlow log line': re.compile(r'\bI0000 |\bW0000 |oneDNN custom operations|cuda_platform|absl::'),
    'a progress bar as text': re.compile(r'\d+%\|[^|\n]*\|\s*\d+/\d+|it/s\]|s/it\]'),
    'a CLI result tuple': re.compile(r'^\(\d, ["\']', re.M),
}
# Reprs a learner must decode: print a labelled, rounded value instead
REPRS = {
    'an enum repr': re.compile(r'<[A-Z]\w*\.[A-Z_0-9]+: '),
    'a TrainOutput repr': re.compile(r'\bTrainOutput\('),
    'a raw metrics dict': re.compile(r"\{'(?:eval|test|train|predict)_\w+':"),
    'a numpy scalar repr': re.compile(r'\bnp\.(?:float|int)\d*\('),
    'a torch device repr': re.compile(r'\bdevice\(type='),
    'a ~/ path': re.compile(r'(?<![\w/])~/'),
    'a progress label without times': re.compile(r'\[\d+/\d+\s*(?::|[^\]\n]*<\s*[:,\]])'),
}
PROGRESS = re.compile(r'\b(?:epoch|step|loss|precision|recall|f1|accuracy)\b|\d+/\d+|\d%|it/s', re.I)
TEXT_MIMES = ('text/plain', 'application/vnd.jupyter.stdout', 'application/vnd.jupyter.stderr')
STDERR = 'application/vnd.jupyter.stderr'
SITE = 'https://ner-course.github.io/ner_course/'
VOID = {'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr'}

def course_messages(pkg:Path=root/'ner_course') -> set:
    "The course's own warning and error classes: the only names a stderr box may start with"
    pat = re.compile(r'^class (\w+)\((?:\w+\.)?\w*(?:Warning|Error|Exception)\)', re.M)
    return {m.group(1) for f in pkg.glob('*.py') for m in pat.finditer(f.read_text())}

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
    "Collect what the checks need from the DOM: titles, ids, links, navigation, and each code cell's source and outputs"
    def __init__(self):
        super().__init__()
        self.title, self.h1s, self.images, self.text = '', [], 0, []
        self.ids, self.links, self.navs, self.toc, self.sections, self.cells, self.outputs = set(), [], [], None, [], [], []
        self._stack = []  # (tag, classes, id) of the open elements
    def _inside(self, cls=None, tag=None, id=None):
        return any((cls is None or cls in c) and (tag is None or t == tag) and (id is None or i == id) for t, c, i in self._stack)
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = set((a.get('class') or '').split())
        if a.get('id'): self.ids.add(a['id'])
        if tag == 'img' and (a.get('src') or '').startswith('data:image'): self.images += 1
        if 'jp-CodeCell' in cls: self.cells.append(dict(source=None, outputs=[]))
        if 'jp-OutputArea-output' in cls:
            self.outputs.append(dict(mime=a.get('data-mime-type', ''), text='', pre=''))
            if self.cells: self.cells[-1]['outputs'].append(self.outputs[-1])
        if tag == 'nav' and 'page-navigation' in cls: self.navs.append(dict(at=len(self.cells), links=[]))
        if tag == 'nav' and a.get('id') == 'TOC': self.toc = dict(at=len(self.cells), links=[], texts=[])
        if tag == 'h1': self.h1s.append('')
        if tag in ('h2', 'h3') and not self._inside(tag='nav'): self.sections.append(a.get('id'))
        if tag == 'a' and a.get('href'):
            self.links.append(a['href'])
            if self._inside('page-navigation', 'nav'): self.navs[-1]['links'].append([a['href'], ''])
            if self._inside(id='TOC'): self.toc['links'].append(a['href']); self.toc['texts'].append('')
        if tag not in VOID: self._stack.append((tag, cls, a.get('id')))
    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag: del self._stack[i:]; break
    def handle_data(self, data):
        tags = {t for t, _, _ in self._stack}
        if 'title' in tags: self.title += data
        if 'h1' in tags: self.h1s[-1] += data
        if 'a' in tags and self._inside('page-navigation', 'nav'): self.navs[-1]['links'][-1][1] += data
        if 'a' in tags and self.toc and self._inside(id='TOC'): self.toc['texts'][-1] += data
        if 'pre' in tags and self._inside('jp-CodeCell') and self._inside('jp-InputArea'):
            self.cells[-1]['source'] = (self.cells[-1]['source'] or '') + data
        if self._inside('jp-OutputArea-output'):
            self.outputs[-1]['text'] += data
            if 'pre' in tags: self.outputs[-1]['pre'] += data
        self.text.append(data)

def expected_images(nb:Path) -> int:
    "How many image outputs the notebook has (the plots the page must show)"
    cells = json.loads(nb.read_text())['cells']
    return sum(1 for c in cells for o in c.get('outputs', []) if any(k.startswith('image/') for k in o.get('data', {})))

def checks_only(src:str) -> bool:
    "A cell whose statements are all checks: `test_*(...)` calls and asserts (imports aside)"
    is_check = lambda s: isinstance(s, ast.Assert) or (isinstance(s, ast.Expr) and isinstance(s.value, ast.Call)
                                                      and getattr(s.value.func, 'id', '').startswith('test_'))
    try: body = ast.parse(src).body
    except SyntaxError: return False
    return any(map(is_check, body)) and all(is_check(s) or isinstance(s, (ast.Import, ast.ImportFrom)) for s in body)

def short(s:str, n:int=40) -> str: return repr(s.strip()[:n] + ('…' if len(s.strip()) > n else ''))

def stderr_problem(text:str, messages:set) -> str|None:
    "Why a stderr box mustn't be there (None: a course message shown on purpose)"
    lines = [l for l in text.splitlines() if l.strip()]
    if not lines: return None
    progress = [l for l in lines if PROGRESS.search(l)]
    if progress: return f'progress or scores in an error (stderr) box: {short(progress[0])}'
    m = re.match(r'(\w+): ', lines[0])
    if ERRORS.search(text) or not (m and m.group(1) in messages):
        return f"an error (stderr) box that isn't one of the course's messages: {short(lines[0])}"
    return None

def page_problems(p:dict, page:Page, dom:str, pages:list, ids:dict, nbs:Path, messages:set) -> tuple:
    "Everything wrong with one page, and the image counts (shown, expected)"
    problems, nb, lesson = [], nbs/p['notebook'], p['notebook'] != 'index.ipynb'
    if not dom: problems.append('Chromium returned no DOM')
    # content
    title, h1 = p['title'].replace('`', ''), (page.h1s[0] if page.h1s else '').replace('¶', '').strip()
    if title not in page.title.replace('`', '') or title not in h1.replace('`', ''): problems.append(f"title {p['title']!r} missing")
    if lesson and not page.cells: problems.append('no code cells')
    if lesson and not page.outputs: problems.append('no outputs')
    want = expected_images(nb) if nb.exists() else 0
    if page.images < want: problems.append(f'{page.images} of {want} plots shown')
    err = ERRORS.search(' '.join(page.text))
    if err: problems.append(f'error text on the page: {err.group(0)!r}')
    shown = [c['source'] for c in page.cells if c['source'] is not None]
    code = '\n'.join(shown)
    missing = [c for c in COURSE_CALLS.get(Path(p['notebook']).stem, []) if c not in code]
    if missing: problems.append(f"the course's calls missing from the code: {', '.join(missing)}")
    checks = sum(map(checks_only, shown))
    if shown and checks / len(shown) > MAX_CHECKS_SHARE:
        problems.append(f'{checks} of {len(shown)} shown code cells ({checks / len(shown):.0%}) hold only checks '
                        f'(over {MAX_CHECKS_SHARE:.0%})')
    # moving through
    i = next(k for k, q in enumerate(pages) if q['page'] == p['page'])
    want_nav = {q['page'] for q in (pages[i - 1] if i else None, pages[i + 1] if i + 1 < len(pages) else None) if q}
    top = page.navs[0] if page.navs and page.navs[0]['at'] == 0 else None
    bottom = page.navs[-1] if len(page.navs) > 1 and page.navs[-1]['at'] == len(page.cells) else None
    for where, nav in (('top', top), ('bottom', bottom)):
        lacks = want_nav - {h for h, _ in nav['links']} if nav else want_nav
        if want_nav and (not nav or lacks):
            problems.append(f"no previous/next links at the {where}" + (f' (lacks {", ".join(sorted(lacks))})' if nav else ''))
    if not page.toc: problems.append('no contents list (nav#TOC) of the sections')
    else:
        if page.toc['at']: problems.append(f"the contents list comes after {page.toc['at']} code cell(s), not at the top")
        unlisted = [s for s in page.sections if f'#{s}' not in page.toc['links']]
        if unlisted: problems.append(f'{len(unlisted)} h2/h3 section(s) not in the contents list, e.g. #{unlisted[0]}')
    broken, unknown = [], []
    for href in page.links:
        if re.match(r'[a-z]+:', href): continue
        path, _, frag = href.partition('#')
        target = path or p['page']
        if target.endswith('.html') and target not in ids: unknown.append(href)
        elif frag and target in ids and unquote(frag) not in ids[target]: broken.append(href)
    if broken: problems.append(f'{len(broken)} link(s) to an id that is not there: {", ".join(sorted(set(broken)))}')
    if unknown: problems.append(f'{len(unknown)} link(s) to a page not on the site, e.g. {unknown[0]}')
    absolute = [h for h in page.links if h.startswith(SITE)]
    if absolute: problems.append(f'{len(absolute)} link(s) to the live site where a relative one belongs, e.g. {absolute[0]}')
    texts = [page.title, h1, *(t for n in page.navs for _, t in n['links']), *(page.toc or {}).get('texts', [])]
    ticks = [t for t in texts if '`' in t]
    if ticks: problems.append(f'a literal backtick in the title or navigation: {short(ticks[0])}')
    # reading
    long_code = [l for src in shown for l in src.splitlines() if len(l) > MAX_CODE_LINE]
    if long_code: problems.append(f'{len(long_code)} code line(s) over {MAX_CODE_LINE} characters: '
                                  + ', '.join(f'{len(l)} {short(l)}' for l in long_code))
    long_rows = [l for o in page.outputs if o['mime'] in TEXT_MIMES
                 for l in o['pre'].splitlines() if len(l) > MAX_LABEL_ROW and label_row(l)]
    if long_rows: problems.append(f'{len(long_rows)} word/label row(s) over {MAX_LABEL_ROW} characters, wrapped mid-row: '
                                  + ', '.join(f'{len(l)} {short(l)}' for l in long_rows))
    for what, pat in {**LEAKS, **REPRS}.items():  # REPRS: not in nbdev's docs (show_doc's text/markdown), which are prose
        hits = [m.group(0) for o in page.outputs if what in LEAKS or o['mime'] != 'text/markdown'
                for m in [pat.search(o['text'])] if m]
        if hits: problems.append(f'{what} in {len(hits)} output(s), e.g. {hits[0]!r}')
    if [o for o in page.outputs if o['text'].strip() in ('0', '1', '2')]: problems.append('a bare return value (0/1/2) as an output')
    bad_err = [w for o in page.outputs if o['mime'] == STDERR for w in [stderr_problem(o['text'], messages)] if w]
    if bad_err: problems.append(f'{len(bad_err)} stderr box(es): {bad_err[0]}')
    return problems, page.images, want

def check(site:Path, nbs:Path=root/'nbs', screenshots:Path|None=None, show=True) -> dict:
    "Check every page of `site`; print one line per page; return {page: problems}"
    site, pages, messages = site.resolve(), json.loads((site/'pages.json').read_text()), course_messages()
    shot = lambda p: screenshots/(Path(p['page']).stem + '.png') if screenshots else None
    doms = {p['page']: dump_dom(site/p['page'], shot(p)) for p in pages}
    parsed = {}
    for name, dom in doms.items(): parsed[name] = Page(); parsed[name].feed(dom)
    ids = {name: page.ids for name, page in parsed.items()}
    results = {}
    for p in pages:
        page = parsed[p['page']]
        problems, shown, want = page_problems(p, page, doms[p['page']], pages, ids, nbs, messages)
        results[p['page']] = problems
        if show: print(f"{'ok  ' if not problems else 'FAIL'} {p['page']:<22} code cells {len(page.cells):3d}, "
                       f"outputs {len(page.outputs):3d}, plots {shown}/{want}" + (f"  <- {'; '.join(problems)}" if problems else ''))
    return results

def self_test() -> bool:
    "Render small fake lessons with tools/render_docs.py, break one thing at a time, and show each break fails the check"
    import nbformat as nbf
    sys.path.insert(0, str(root/'tools'))
    from render_docs import render
    md, code = nbf.v4.new_markdown_cell, nbf.v4.new_code_cell
    out = lambda text, name='stdout': nbf.v4.new_output('stream', name=name, text=text + '\n')
    res = lambda text, mime='text/plain': nbf.v4.new_output('execute_result', data={mime: text}, execution_count=1)
    def lesson(title, *cells):
        nb = nbf.v4.new_notebook()
        nb.cells = [nbf.v4.new_raw_cell(f'---\ntitle: "{title}"\ndescription: A fake page\n---'), *cells]
        return nb
    def clean():  # three pages that pass: an index, lesson 01 (its course calls, a course message on stderr), one more
        return {'index.ipynb': lesson('Fake course', md('## About\n\nStart with [the data](data.html#load-the-data).')),
                '01_data.ipynb': lesson('The `data`',
                    md('Prose naming load_dataset( does not count.\n\n## Load the data\n\nSee [below](#look-at-it).'),
                    code("ds = load_dataset('conll2003')", outputs=[out('3 splits: train 14041, validation 3250, test 3453')]),
                    code('test_eq(len(ds), 3)'),
                    md('## Look at it\n\n### The `features`'),
                    *[code(f'row{i} = ds["train"][{i}]', outputs=[out(f'row {i}: EU rejects German call')]) for i in range(5)],
                    code('ds["train"].features', outputs=[res("ner_tags: ['O', 'B-PER', 'I-PER']")]),
                    code('warn_long(text)', outputs=[out('LongTextWarning: the text was split into 2 windows', 'stderr')])),
                '02_more.ipynb': lesson('More', md('## Next\n\nBack to [the features](data.html#the-features).'),
                                        code('x = 1 + 1', outputs=[res('x is 2')]))}
    # fault: (page, cells added to its notebook or a (pattern, replacement) for its HTML, what the problem must say)
    cases = {
        'no top prev/next links': ('data', (r'<nav class="page-navigation page-navigation-top">.*?</nav>', ''), 'at the top'),
        'no bottom prev/next links': ('data', (r'<nav class="page-navigation page-navigation-bottom">.*?</nav>', ''), 'at the bottom'),
        'no contents list': ('data', (r'<nav id="TOC".*?</nav>', ''), 'no contents list'),
        'in-page #fragment with no such id': ('data', [md('See [there](#Look-at-it).')], 'an id that is not there'),
        'cross-page #fragment with no such id': ('more', [md('See [load](data.html#Load-the-data).')], 'an id that is not there'),
        'link to a page not on the site': ('more', [md('See [the old page](trainer_old.html).')], 'not on the site'),
        'backtick in the title and h1': ('data', ('<title>The data</title>', '<title>The `data`</title>'), 'backtick'),
        'backtick in a prev/next link': ('more', ('&larr; The <code>data</code>', '&larr; The `data`'), 'backtick'),
        'code line over 100 characters': ('data', [code('x = ' + '1 + ' * 25 + '1')], 'code line(s) over 100'),
        'word/label row over 100 characters': ('data', [code('show()', outputs=[out('B-PER I-PER ' * 10)])], 'word/label row(s) over 100'),
        'scores on stderr': ('data', [code('fit()', outputs=[out('epoch 1: precision 0.49, recall 0.66', 'stderr')])],
                             'progress or scores'),
        'a library message on stderr': ('data', [code('fit()', outputs=[out('Some weights were not initialized', 'stderr')])],
                                        "isn't one of the course's"),
        **{f'repr {r}': ('more', [code('run()', outputs=[res(r, mime)])], what) for r, mime, what in [
            ("<IntervalStrategy.EPOCH: 'epoch'>", 'text/plain', 'an enum repr'),
            ('TrainOutput(global_step=9, training_loss=0.5)', 'text/plain', 'TrainOutput'),
            ("{'eval_loss': 0.25, 'eval_f1': 0.9}", 'text/plain', 'a raw metrics dict'),
            ('np.float64(0.5)', 'text/plain', 'numpy scalar'), ("device(type='cpu')", 'text/plain', 'device repr'),
            ('saved to ~/.cache/ner_course/model', 'text/plain', 'a ~/ path'),
            ('<progress value="1" max="1"></progress> [1/1 : < :]', 'text/html', 'progress label')]},
        'checks-only cells over 15%': ('data', [code('assert len(ds) == 3\ntest_eq(ds.num_rows, 3)')], 'hold only checks'),
        'a course call only in prose': ('data', ('<span class="n">load_dataset</span>', '<span class="n">load_conll</span>'),
                                        'load_dataset('),
    }
    def run(tmp:Path, page=None, change=None) -> dict:
        nbs, site = tmp/'nbs', tmp/'site'
        for d in (nbs, site): shutil.rmtree(d, ignore_errors=True)
        nbs.mkdir()
        for name, nb in clean().items():
            if page and page in name and isinstance(change, list): nb.cells += change
            nbf.write(nb, nbs/name)
        render(nbs, site)
        if isinstance(change, tuple):
            f = site/f'{page}.html'
            html, n = re.subn(change[0], change[1], f.read_text(), count=1, flags=re.S)
            assert n, f'the fault {change} found nothing to change'
            f.write_text(html)
        return check(site, nbs, show=False)
    with tempfile.TemporaryDirectory() as tmp:
        bad = {k: v for k, v in run(Path(tmp)).items() if v}
        print(f"{'ok  ' if not bad else 'FAIL'} clean pages (a course message on stderr among them) pass" + (f'  <- {bad}' if bad else ''))
        ok = not bad
        for fault, (page, change, says) in cases.items():
            problems = run(Path(tmp), page, change)[f'{page}.html']
            hit = [p for p in problems if says in p]
            ok &= bool(hit)
            print(f"{'ok  ' if hit else 'FAIL'} {fault}: " + (f'fails ({hit[0]})' if hit else f'NOT CAUGHT {problems}'))
    return ok

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--site', default=str(root/'_site'))
    ap.add_argument('--screenshot', default=None, help='folder for one PNG per page')
    ap.add_argument('--self-test', action='store_true', help='show that each fault fails, on fake pages')
    a = ap.parse_args()
    if a.self_test: sys.exit(0 if self_test() else 1)
    shots = Path(a.screenshot) if a.screenshot else None
    if shots: shots.mkdir(parents=True, exist_ok=True)
    results = check(Path(a.site), screenshots=shots)
    failed = sum(map(bool, results.values()))
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)
