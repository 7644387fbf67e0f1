package extract

import (
	"strings"
	"testing"
)

func TestInputModeFor(t *testing.T) {
	for _, tc := range []struct {
		mode InputMode
		path string
		want InputMode
	}{
		{InputAuto, "a/b.jsonl", InputJSONL},
		{InputAuto, "B.NDJSON", InputJSONL},
		{InputAuto, "a.txt", InputText},
		{InputAuto, "gs://bucket/news", InputText},
		{InputText, "a.jsonl", InputText},
		{InputJSONL, "a.txt", InputJSONL},
	} {
		if got := tc.mode.For(tc.path); got != tc.want {
			t.Errorf("%s.For(%q) = %s, want %s", tc.mode, tc.path, got, tc.want)
		}
	}
}

// TestReadDocuments pins the ids and errors every batch reader shares:
// a text file is named by its path, a JSONL line without an id by
// FILE:LINE, and bad documents come with their source.
func TestReadDocuments(t *testing.T) {
	type got struct {
		id  string
		src string
		err string
	}
	for _, tc := range []struct {
		name  string
		in    string
		file  string
		size  int64
		mode  InputMode
		limit int64
		want  []got
	}{
		{"text", "Fire in Kyiv.", "a.txt", -1, InputText, 0, []got{{"a.txt", "a.txt", ""}}},
		{"stdin", "Fire in Kyiv.", "-", -1, InputText, 0, []got{{"stdin", "stdin", ""}}},
		{"empty text", " \n", "e.txt", -1, InputText, 0, []got{{"e.txt", "e.txt", "empty text"}}},
		{"text over size", "Fire in Kyiv.", "big.txt", 100, InputText, 10, []got{{"big.txt", "big.txt", "file of 100 bytes larger than the --max-article limit of 10 bytes; skipped"}}},
		{"text over limit", "Fire in Kyiv.", "big.txt", -1, InputText, 10, []got{{"big.txt", "big.txt", "text larger than the --max-article limit of 10 bytes; skipped"}}},
		{"jsonl", "{\"id\":\"x\",\"text\":\"Kyiv.\"}\n\n{\"text\":\"Lviv.\"}\n{oops\n", "b.jsonl", -1, InputJSONL, 0, []got{
			{"x", "b.jsonl:1", ""},
			{"b.jsonl:3", "b.jsonl:3", ""},
			{"b.jsonl:4", "b.jsonl:4", "malformed JSON: invalid character 'o' looking for beginning of object key string"},
		}},
		{"jsonl line over limit", "{\"text\":\"Kyiv and more\"}\n{\"text\":\"K\"}", "c.jsonl", -1, InputJSONL, 16, []got{
			{"c.jsonl:1", "c.jsonl:1", "line larger than the --max-article limit of 16 bytes; skipped"},
			{"c.jsonl:2", "c.jsonl:2", ""},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out []got
			ReadDocuments(strings.NewReader(tc.in), tc.file, tc.size, tc.mode, tc.limit, func(d Document, src Source, err error) bool {
				g := got{id: d.ID, src: src.String()}
				if err != nil {
					g.err = err.Error()
				}
				out = append(out, g)
				return true
			})
			if len(out) != len(tc.want) {
				t.Fatalf("got %d documents %v, want %d %v", len(out), out, len(tc.want), tc.want)
			}
			for i := range out {
				if out[i] != tc.want[i] {
					t.Errorf("document %d: got %+v, want %+v", i, out[i], tc.want[i])
				}
			}
		})
	}
}

func TestNewErrorRecord(t *testing.T) {
	r := NewErrorRecord("stdin:2", Source{File: "-", Line: 2}, ErrMissingText)
	want := ErrorRecord{ID: "stdin:2", File: "stdin", Line: 2, Message: `missing "text"`}
	if r != want {
		t.Errorf("got %+v, want %+v", r, want)
	}
}

func TestDefaultPublished(t *testing.T) {
	d := Document{Published: "2020-01-01"}
	d.DefaultPublished("2022-09-14")
	if d.Published != "2020-01-01" || d.PublishedSource != "" {
		t.Errorf("a document's own date was replaced: %+v", d)
	}
	d = Document{}
	d.DefaultPublished("2022-09-14")
	if d.Published != "2022-09-14" || d.PublishedSource != PublishedFromFlag {
		t.Errorf("default not applied: %+v", d)
	}
}
