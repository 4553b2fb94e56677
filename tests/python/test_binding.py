"""Tests of the Python module: run by ctest with the built module on PYTHONPATH."""
import decimal
import os
import sys
import unittest

import jixiao

CORPUS = os.environ.get("JIXIAO_CORPUS", os.path.join(os.path.dirname(__file__), "..", "..", "corpus"))


class Binding(unittest.TestCase):
    def test_read_path_and_bytes_give_the_same_forms(self):
        path = os.path.join(CORPUS, "docx", "hunan", "nanyue-canlian-2020.docx")
        a = jixiao.read(path)
        with open(path, "rb") as f:
            b = jixiao.read(f.read(), name=path)
        self.assertEqual(a["schema"], "jixiao/1")
        self.assertEqual(a["forms"], b["forms"])
        form = a["forms"][0]
        self.assertEqual(form["kind"], "department")
        self.assertEqual(len(form["indicators"]), 78)
        self.assertEqual(form["header"]["phone"], "13973439088")

    def test_check_findings_come_in_both_languages(self):
        form = jixiao.read(os.path.join(CORPUS, "docx", "hunan", "nanyue-canlian-2020.docx"), tables=False)["forms"][0]
        found = [d for d in form["diagnostics"] if d["code"] == "check.funds_sum"]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["severity"], "error")
        self.assertIn("275", found[0]["message"])
        self.assertIn("各组成项合计 275 万元", found[0]["message_zh"])

    def test_doc_reads_as_its_docx(self):
        a = jixiao.read(os.path.join(CORPUS, "doc", "hunan", "nanyue-canlian-2020.doc"))
        b = jixiao.read(os.path.join(CORPUS, "docx", "hunan", "nanyue-canlian-2020.docx"))
        self.assertEqual(a["source"]["format"], "doc")
        self.assertEqual(len(a["forms"][0]["indicators"]), len(b["forms"][0]["indicators"]))
        self.assertEqual([i["name"] for i in a["forms"][0]["indicators"]], [i["name"] for i in b["forms"][0]["indicators"]])
        with self.assertRaises(jixiao.Error) as cm:
            jixiao.read(os.path.join(CORPUS, "hostile", "cfb-fat-loop.doc"))
        self.assertEqual(cm.exception.code, "compound_file_corrupt")

    def test_pathlike_and_no_tables(self):
        import pathlib
        d = jixiao.read(pathlib.Path(CORPUS) / "text" / "central" / "jishan-yibao-2020.txt", tables=False)
        self.assertNotIn("tables", d)
        self.assertEqual(d["forms"][0]["kind"], "project")

    def test_errors_are_exceptions_with_their_code(self):
        with self.assertRaises(jixiao.Error) as cm:
            jixiao.read(os.path.join(CORPUS, "docx", "bad", "zip-bomb.docx"))
        self.assertEqual(cm.exception.code, "limit_exceeded")
        self.assertEqual(cm.exception.limit, "max_inflate_ratio")
        with self.assertRaises(jixiao.Error) as cm:
            jixiao.read(b"\t\xff\n")
        self.assertEqual(cm.exception.code, "encoding")
        self.assertEqual(cm.exception.offset, 1)

    def test_value_is_exact(self):
        v = jixiao.value("≤2,53万")
        self.assertEqual(v["op"], "<=")
        self.assertEqual(v["value"], decimal.Decimal("25300"))
        self.assertEqual(v["diagnostics"][0][0], "value.ambiguous_comma")
        self.assertEqual(jixiao.value("0.1")["value"], decimal.Decimal("0.1"))

    def test_read_dir(self):
        results = dict(jixiao.read_dir(os.path.join(CORPUS, "docx", "bad")))
        self.assertIsInstance(results[os.path.join(CORPUS, "docx", "bad", "truncated.docx")], jixiao.Error)
        self.assertGreater(len(results), 10)


if __name__ == "__main__":
    unittest.main(verbosity=2)
