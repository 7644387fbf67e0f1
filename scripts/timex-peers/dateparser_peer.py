#!/usr/bin/python3
"""Run Python's dateparser search_dates over a corpus (corpora JSONL) and
write its predictions in the same shape ("id", "timex") for
`geoparse eval time --pred`. Each document is parsed with its own "dct"
as RELATIVE_BASE. Offsets are code points (Python str indexes).

usage: dateparser_peer.py CORPUS.jsonl OUT.jsonl
"""
import json
import re
import sys
import warnings
from datetime import datetime

warnings.filterwarnings("ignore")
from dateparser.search import search_dates  # noqa: E402

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec"}
DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "tomorrow", "tonight", "day", "days", "mon", "tue", "wed", "thu", "fri", "sat", "sun"}
TIME_RE = re.compile(r"\d:\d\d|\b\d{1,2}\s*(a\.?m\.?|p\.?m\.?)(?!\w)|\bnoon\b|\bmidnight\b", re.I)


def value(sub, dt):
    """TIMEX3-style type and value at the granularity the substring shows."""
    words = set(re.findall(r"[a-z]+", sub.lower()))
    if TIME_RE.search(sub):
        return "TIME", dt.strftime("%Y-%m-%dT%H:%M")
    has_day = bool(words & DAYS) or bool(re.search(r"(?<!\d)\d{1,2}(?!\d)", sub))
    has_month = bool(words & MONTHS) or "month" in words or "months" in words
    has_year = bool(re.search(r"\b\d{4}\b", sub)) or "year" in words or "years" in words
    if has_day or not (has_month or has_year):
        return "DATE", dt.strftime("%Y-%m-%d")
    if has_month:
        return "DATE", dt.strftime("%Y-%m")
    return "DATE", dt.strftime("%Y")


def main():
    src, dst = sys.argv[1], sys.argv[2]
    n = 0
    with open(src) as f, open(dst, "w") as out:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            text = doc["text"]
            base = datetime.strptime(doc["dct"], "%Y-%m-%d") if doc.get("dct") else datetime.now()
            settings = {"RELATIVE_BASE": base, "RETURN_AS_TIMEZONE_AWARE": False}
            try:
                found = search_dates(text, languages=["en"], settings=settings) or []
            except Exception as e:  # dateparser raises on some inputs
                print(f"dateparser: {doc['id']}: {e}", file=sys.stderr)
                found = []
            timex, pos = [], 0
            for sub, dt in found:
                i = text.find(sub, pos)
                if i < 0:
                    i = text.find(sub)
                    if i < 0:
                        continue
                typ, val = value(sub, dt)
                timex.append({"start": i, "end": i + len(sub), "text": sub, "type": typ, "value": val})
                pos = i + len(sub)
            out.write(json.dumps({"id": doc["id"], "timex": timex}) + "\n")
            n += 1
    print(f"dateparser: {n} documents -> {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
