# Counts for Methods, "Sources and citations by grade": run at the commit before the second sweep
# (94ee8de) for "before" and at the sweep's last data commit for "after":
#     git worktree add /tmp/before 94ee8de && python docs/research/sweep-0.3-counts.py /tmp/before
#     python docs/research/sweep-0.3-counts.py .
"""Count sources by grade, citations in the text by grade, and data rows by their source's grade,
for a checkout of the briefing book (default: the current directory). Usage:
    python count_grades.py [ROOT]
"""
import csv, glob, json, os, re, sys
from collections import Counter

root = sys.argv[1] if len(sys.argv) > 1 else "."
GRADES = ["official_text", "record", "established", "trade_press", "weak"]
sources = list(csv.DictReader(open(os.path.join(root, "data/sources.csv"), encoding="utf-8")))
grade = {s["source_id"]: s["grade"] for s in sources}

def show(title, counter):
    total = sum(counter.values())
    print(f"{title}: total {total}; " + ", ".join(f"{g} {counter.get(g, 0)}" for g in GRADES))

show("sources", Counter(grade.values()))

texts = []
for path in sorted(glob.glob(os.path.join(root, "notebooks/*.ipynb"))):
    cells = json.load(open(path, encoding="utf-8"))["cells"]
    texts += ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
skip = {"data.md", "changes.md", "references.md"}
for path in [os.path.join(root, "index.md"), *sorted(glob.glob(os.path.join(root, "book/*.md"))),
             *sorted(glob.glob(os.path.join(root, "book/generated/*.md")))]:
    if os.path.basename(path) not in skip and os.path.exists(path):
        texts.append(open(path, encoding="utf-8").read())
cites = Counter()
for text in texts:
    for group in re.findall(r"\{cite:[pt]\}`([^`]*)`", text):
        for sid in group.split(","):
            sid = sid.strip()
            if sid in grade:
                cites[grade[sid]] += 1
show("citations in the text", cites)

rows = Counter()
for path in sorted(glob.glob(os.path.join(root, "data/*.csv"))):
    if path.endswith("sources.csv"):
        continue
    for row in csv.DictReader(open(path, encoding="utf-8")):
        sid = row.get("source_id")
        if sid in grade:
            rows[grade[sid]] += 1
show("data rows by their source's grade", rows)

months = Counter()
for s in sources:
    d = s.get("content_to") or s["date_published"]
    if d and len(d) >= 7 and d.startswith("2026"):
        months[d[:7]] += 1
print("sources dated in 2026 by month:", dict(sorted(months.items())))
