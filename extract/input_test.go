package extract

import (
	"bytes"
	"compress/gzip"
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
		{InputAuto, "a.json", InputJSON},
		{InputAuto, "a.JSONL.gz", InputJSONL},
		{InputAuto, "a.txt.gz", InputText},
		{InputText, "a.jsonl", InputText},
		{InputJSONL, "a.txt", InputJSONL},
	} {
		if got := tc.mode.For(tc.path); got != tc.want {
			t.Errorf("%s.For(%q) = %s, want %s", tc.mode, tc.path, got, tc.want)
		}
	}
}

// TestReadDocuments pins the ids and errors every batch reader shares:
// a document without an id is named by its text (TextID), never by its
// file, each document's Source is its file (and line), and bad documents
// come with their source and no made-up id.
func TestReadDocuments(t *testing.T) {
	type got struct {
		id  string
		src string
		err string
	}
	kyiv := TextID("Fire in Kyiv.")
	for _, tc := range []struct {
		name  string
		in    string
		file  string
		size  int64
		mode  InputMode
		limit int64
		want  []got
	}{
		{"text", "Fire in Kyiv.", "a.txt", -1, InputText, 0, []got{{kyiv, "a.txt", ""}}},
		{"same text elsewhere", "Fire in Kyiv.", "/abs/b.txt", -1, InputText, 0, []got{{kyiv, "/abs/b.txt", ""}}},
		{"stdin", "Fire in Kyiv.", "-", -1, InputText, 0, []got{{kyiv, "stdin", ""}}},
		{"empty text", " \n", "e.txt", -1, InputText, 0, []got{{"", "e.txt", "empty text"}}},
		{"text over size", "Fire in Kyiv.", "big.txt", 100, InputText, 10, []got{{"", "big.txt", "file of 100 bytes larger than the --max-article limit of 10 B; skipped"}}},
		{"text over limit", "Fire in Kyiv.", "big.txt", -1, InputText, 10, []got{{"", "big.txt", "text larger than the --max-article limit of 10 B; skipped"}}},
		{"jsonl", "{\"id\":\"x\",\"text\":\"Kyiv.\"}\n\n{\"text\":\"Fire in Kyiv.\"}\n{oops\n", "b.jsonl", -1, InputJSONL, 0, []got{
			{"x", "b.jsonl:1", ""},
			{kyiv, "b.jsonl:3", ""},
			{"", "b.jsonl:4", "malformed JSON: invalid character 'o' looking for beginning of object key string"},
		}},
		{"jsonl line over limit", "{\"text\":\"Kyiv and more\"}\n{\"id\":9,\"text\":\"K\"}", "c.jsonl", -1, InputJSONL, 20, []got{
			{"", "c.jsonl:1", "line larger than the --max-article limit of 20 B; skipped"},
			{"9", "c.jsonl:2", ""},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out []got
			ReadDocuments(strings.NewReader(tc.in), ReadOptions{Name: tc.file, Mode: tc.mode, Size: tc.size, MaxArticle: tc.limit}, func(d Document, src Source, err error) bool {
				g := got{id: d.ID, src: d.Source}
				if d.Source != src.String() {
					t.Errorf("Document.Source %q, Source %q", d.Source, src)
				}
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
	r := NewErrorRecord("a1", Source{File: "-", Line: 2}, ErrMissingText)
	want := ErrorRecord{ID: "a1", File: "stdin", Line: 2, Message: `missing "text"`, Source: "stdin:2"}
	if r != want {
		t.Errorf("got %+v, want %+v", r, want)
	}
	// An error of a whole file has no id; its source is the file.
	r = NewErrorRecord("", Source{File: "in/b.txt"}, ErrInvalidUTF8)
	want = ErrorRecord{File: "in/b.txt", Message: ErrInvalidUTF8.Error(), Source: "in/b.txt"}
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

func TestTextID(t *testing.T) {
	// The first 8 bytes of SHA-256("abc"), the FIPS 180-2 test vector.
	if got := TextID("abc"); got != "ba7816bf8f01cfea" {
		t.Errorf("TextID(abc) = %s", got)
	}
	if TextID("Fire in Kyiv.") == TextID("Fire in Kyiv!") {
		t.Error("two texts share an id")
	}
}

// TestReadDocumentsDecodes: what a file's bytes may carry around its
// documents is undone, not taken for text: a byte order mark, lone CRs
// ending JSONL lines, gzip compression (by magic number, whatever the
// name); a corrupt gzip says so; a .json file is one JSON document, even
// pretty-printed.
func TestReadDocumentsDecodes(t *testing.T) {
	gz := func(s string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	jsonl := "{\"id\":\"a\",\"text\":\"Fire in Kyiv.\"}\n{\"id\":\"b\",\"text\":\"Flood in Lviv.\"}\n"
	for _, tc := range []struct {
		name, in, file string
		want           []string // id:text or error:message
	}{
		{"BOM before JSONL", "\ufeff" + jsonl, "a.jsonl", []string{"a:Fire in Kyiv.", "b:Flood in Lviv."}},
		{"BOM before text", "\ufeffFire in Kyiv.", "a.txt", []string{TextID("Fire in Kyiv.") + ":Fire in Kyiv."}},
		{"CR line ends", strings.ReplaceAll(jsonl, "\n", "\r"), "a.jsonl", []string{"a:Fire in Kyiv.", "b:Flood in Lviv."}},
		{"CRLF line ends", strings.ReplaceAll(jsonl, "\n", "\r\n"), "a.jsonl", []string{"a:Fire in Kyiv.", "b:Flood in Lviv."}},
		{"gzip JSONL", gz(jsonl), "a.jsonl.gz", []string{"a:Fire in Kyiv.", "b:Flood in Lviv."}},
		{"gzip under another name", gz("Fire in Kyiv."), "a.txt", []string{TextID("Fire in Kyiv.") + ":Fire in Kyiv."}},
		// The line cut short by the corruption comes first, then the
		// reason.
		{"corrupt gzip", gz(jsonl)[:20], "a.jsonl.gz", []string{"error:malformed JSON: unexpected EOF", "error:gzip-compressed, but corrupt: unexpected EOF"}},
		{"not gzip at all", "\x1f\x8bxyz", "a.jsonl.gz", []string{"error:gzip-compressed, but unreadable: unexpected EOF"}},
		{"pretty JSON document", "{\n  \"id\": \"p\",\n  \"text\": \"Fire in Kyiv.\"\n}\n", "a.json", []string{"p:Fire in Kyiv."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			ReadDocuments(strings.NewReader(tc.in), ReadOptions{Name: tc.file}, func(d Document, _ Source, err error) bool {
				if err != nil {
					got = append(got, "error:"+err.Error())
				} else {
					got = append(got, d.ID+":"+d.Text)
				}
				return true
			})
			if strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
