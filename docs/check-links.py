#!/usr/bin/env python3
"""Checks every relative Markdown link of README.md and docs/*.md: the file exists and its #anchor matches a
heading (GitHub slug) of that file. Usage: python3 docs/check-links.py [repo root, default .]"""
import re, sys, pathlib, unicodedata
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
files = [root/'README.md'] + sorted((root/'docs').glob('*.md'))
def slug(h):
    h = re.sub(r'<[^>]+>', '', h).strip().lower()
    h = ''.join(c for c in h if c.isalnum() or c in ' -_' or unicodedata.category(c).startswith('L'))
    return h.replace(' ', '-')
def anchors(p):
    seen, out, fence = {}, set(), False
    for line in p.read_text().split('\n'):
        if line.startswith('```'): fence = not fence; continue
        m = None if fence else re.match(r'^#{1,6}\s+(.*?)\s*#*\s*$', line)
        if m:
            s = slug(m.group(1)); n = seen.get(s, 0); seen[s] = n + 1
            out.add(s if n == 0 else f'{s}-{n}')
    return out
broken = total = 0
for f in files:
    fence = False
    for no, line in enumerate(f.read_text().split('\n'), 1):
        if line.startswith('```'): fence = not fence; continue
        if fence: continue
        for target in re.findall(r'\]\(([^)\s]+)\)', line):
            if re.match(r'^[a-z]+:', target): continue
            total += 1
            path, _, frag = target.partition('#')
            dest = (f.parent / path).resolve() if path else f
            err = None
            if not dest.exists(): err = 'missing file'
            elif frag and dest.suffix == '.md' and frag not in anchors(dest): err = 'missing anchor'
            if err:
                broken += 1; print(f'{f.relative_to(root)}:{no}: {target}: {err}')
print(f'{total} relative links checked, {broken} broken')
sys.exit(1 if broken else 0)
