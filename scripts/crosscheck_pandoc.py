#!/usr/bin/env python3
"""Compares jixiao's reconstructed grids with pandoc's reading of the same .docx.

For each file: run `jixiao dump` and `pandoc -f docx -t json`, lay pandoc's
top-level tables out as grids (rowspan/colspan), and report every slot where the
two disagree on the anchor cell's text or span. A developer tool: pandoc
(Debian's 2.17) is not needed by the build or the tests.

    python3 scripts/crosscheck_pandoc.py build/jixiao FILE.docx...
"""
import json
import subprocess
import sys


def inline_text(inlines):
    out = []
    for i in inlines:
        t = i["t"]
        c = i.get("c")
        if t == "Str":
            out.append(c)
        elif t in ("Space",):
            out.append(" ")
        elif t in ("SoftBreak", "LineBreak"):
            out.append("\n")
        elif t in ("Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps", "Underline"):
            out.append(inline_text(c))
        elif t in ("Span",):
            out.append(inline_text(c[1]))
        elif t in ("Link", "Image"):
            out.append(inline_text(c[1]))
        elif t == "Quoted":
            q = "\u201c" if c[0]["t"] == "DoubleQuote" else "\u2018"
            out.append(q + inline_text(c[1]) + ("\u201d" if q == "\u201c" else "\u2019"))
        elif t == "Code":
            out.append(c[1])
        elif t == "Math":
            out.append(c[1])
        elif t == "Note":
            pass
    return "".join(out)


def blocks_text(blocks):
    parts = []
    for b in blocks:
        t = b["t"]
        c = b.get("c")
        if t in ("Plain", "Para"):
            parts.append(inline_text(c))
        elif t in ("BulletList", "OrderedList"):
            items = c if t == "BulletList" else c[1]
            for item in items:
                parts.append(blocks_text(item))
        elif t == "Div":
            parts.append(blocks_text(c[1]))
        elif t == "Header":
            parts.append(inline_text(c[2]))
        elif t == "Table":
            pass  # nested tables are tables of their own in jixiao
    return "\n".join(p for p in parts)


def pandoc_tables(blocks, out):
    for b in blocks:
        if b["t"] == "Table":
            out.append(b)
        elif b["t"] == "Div":
            pandoc_tables(b["c"][1], out)
    return out


def layout(table):
    """Pandoc 1.22 table AST → list of rows of (row, col, rowspan, colspan, text) anchors."""
    _attr, _caption, colspecs, head, bodies, foot = table["c"]
    rows = []
    rows += head["c"][1] if isinstance(head, dict) else head[1]
    for body in bodies:
        b = body["c"] if isinstance(body, dict) else body
        rows += b[2] + b[3]
    rows += foot["c"][1] if isinstance(foot, dict) else foot[1]
    width = len(colspecs)
    taken = {}
    cells = []
    for r, row in enumerate(rows):
        row_cells = row["c"][1] if isinstance(row, dict) else row[1]
        col = 0
        for cell in row_cells:
            _a, _align, rs, cs, blocks = cell["c"] if isinstance(cell, dict) else cell
            while (r, col) in taken:
                col += 1
            cells.append((r, col, rs, cs, blocks_text(blocks)))
            for dr in range(rs):
                for dc in range(cs):
                    taken[(r + dr, col + dc)] = True
            col += cs
            width = max(width, col)
    return len(rows), width, cells


def norm(s):
    return " ".join(s.replace("\u00a0", " ").split())


def main():
    jixiao = sys.argv[1]
    total = same = 0
    for path in sys.argv[2:]:
        ours = json.loads(subprocess.run([jixiao, "dump", path], capture_output=True, check=True).stdout)
        tops = [t for t in ours["tables"] if t["parent"] is None]
        run = subprocess.run(["pandoc", "-f", "docx", "-t", "json", path], capture_output=True)
        if run.returncode != 0:
            print(f"== {path}: jixiao {len(tops)} tables, pandoc failed: {run.stderr.decode(errors='replace').strip()[:100]}")
            continue
        theirs = pandoc_tables(json.loads(run.stdout)["blocks"], [])
        print(f"== {path}: jixiao {len(tops)} tables, pandoc {len(theirs)}")
        for i, (a, b) in enumerate(zip(tops, theirs)):
            total += 1
            rows, cols, cells = layout(b)
            mine = {(c["row"], c["col"]): (c["rowspan"], c["colspan"], norm(c["text"])) for c in a["cells"]}
            their = {(r, c): (rs, cs, norm(t)) for r, c, rs, cs, t in cells}
            diffs = []
            if (a["rows"], a["cols"]) != (rows, cols):
                diffs.append(f"size jixiao {a['rows']}x{a['cols']} pandoc {rows}x{cols}")
            for k in sorted(set(mine) | set(their)):
                if mine.get(k) != their.get(k):
                    diffs.append(f"  at {k}: jixiao {mine.get(k)} pandoc {their.get(k)}")
            if diffs:
                print(f"  table {i}: {len(diffs)} differences")
                for d in diffs[:12]:
                    print("   ", d)
                if len(diffs) > 12:
                    print(f"    … {len(diffs) - 12} more")
            else:
                same += 1
                print(f"  table {i}: same ({a['rows']}x{a['cols']})")
    print(f"{same}/{total} tables identical")


if __name__ == "__main__":
    main()
