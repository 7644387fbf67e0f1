package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/geoparse/geoparse/extract"
)

// FuzzParseJSONLDocument: one JSONL line never panics; a document without
// error has valid, non-empty text.
func FuzzParseJSONLDocument(f *testing.F) {
	for _, s := range []string{
		`{"id":"a1","text":"Kyiv on Wednesday.","published":"2022-09-14"}`,
		`{"id":7,"text":"x"}`, `{"id":null,"text":""}`, `{"text":null}`, `{}`, `[]`, `null`, `"text"`,
		`{"text":"\u0000\ud800"}`, `{"text":` + strings.Repeat("[", 100) + `}`, "\xff{}",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := parseJSONLDocument(b)
		if err == nil && extract.CheckText(doc.Text) != nil {
			t.Fatalf("accepted bad text %q", doc.Text)
		}
	})
}

// FuzzReadStream: a JSONL stream never panics, every document or error
// carries its line (lines counted from 1, increasing) or, once, line 0 for
// an input that cannot be decoded at all, and a document without error
// has valid text.
func FuzzReadStream(f *testing.F) {
	for _, s := range []string{
		"{\"id\":\"a\",\"text\":\"Kyiv.\"}\n\n{\"id\":\"b\",\"text\":\"Lviv.\"}\n",
		"{\"text\":\"a\"}\r\n{bad\n",
		"\n\n\n",
		"{\"text\":\"x\"}",
		"\xff\n{\"text\":\"\"}\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Add([]byte("plain text\nhere"), true)
	f.Fuzz(func(t *testing.T, b []byte, text bool) {
		mode := modeJSONL
		if text {
			mode = modeText
		}
		// Lines end in LF, CRLF or a lone CR (old Mac files).
		unix := bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
		lines := bytes.Count(unix, []byte("\n")) + bytes.Count(unix, []byte("\r")) + 1
		last := 0
		readStream(bytes.NewReader(b), "in.jsonl", mode, defaultMaxArticle, func(doc extract.Document, src source, err error) bool {
			if src.File != "in.jsonl" {
				t.Fatalf("source file %q", src.File)
			}
			if src.Line == 0 && last == 0 && err != nil {
				last = -1 // the whole input is unreadable (corrupt gzip): said once
				return true
			}
			if mode == modeJSONL {
				if src.Line <= last || src.Line > lines {
					t.Fatalf("line %d after %d (of %d)", src.Line, last, lines)
				}
				last = src.Line
				if err != nil && !strings.HasPrefix(src.String(), "in.jsonl:"+strconv.Itoa(src.Line)) {
					t.Fatalf("error source %q", src)
				}
			}
			if err == nil && extract.CheckText(doc.Text) != nil {
				t.Fatalf("accepted bad text %q", doc.Text)
			}
			return true
		})
	})
}
