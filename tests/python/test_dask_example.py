"""Runs examples/dask_convert.py on the corpus with a LocalCluster on loopback and checks its CSV."""
import csv
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


class DaskExample(unittest.TestCase):
    def test_converts_the_corpus(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "indicators.csv")
            folder = os.path.join(ROOT, "corpus", "docx")
            run = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "dask_convert.py"), folder, out],
                                 capture_output=True, text=True, timeout=300)
            self.assertEqual(run.returncode, 0, run.stderr[-2000:])
            with open(out, encoding="utf-8-sig") as f:
                rows = list(csv.DictReader(f))
            seed = [r for r in rows if r["path"].endswith("hunan/nanyue-canlian-2020.docx")]
            self.assertEqual(len(seed), 78)
            self.assertEqual(seed[0]["kind"], "department")
            failed = {os.path.basename(r["path"]) for r in rows if r["status"] == "failed"}
            self.assertIn("truncated.docx", failed)
            self.assertIn("zip-bomb.docx", failed)
            files = {r["path"] for r in rows}
            expected = {os.path.join(d, n) for d, _, names in os.walk(folder) for n in names if n.endswith((".docx", ".txt"))}
            self.assertEqual(files, expected)  # every file accounted for, none lost


if __name__ == "__main__":
    unittest.main(verbosity=2)
