package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// featureIDs returns the feature ids, doc_ids and sources of a GeoJSON
// FeatureCollection.
func featureIDs(t *testing.T, out string) (ids, docIDs, sources []string) {
	t.Helper()
	var fc struct {
		Features []struct {
			ID         string `json:"id"`
			Properties struct {
				DocID  string `json:"doc_id"`
				Source string `json:"source"`
			} `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal([]byte(out), &fc); err != nil {
		t.Fatalf("not a FeatureCollection: %v\n%.200s", err, out)
	}
	for _, f := range fc.Features {
		ids = append(ids, f.ID)
		docIDs = append(docIDs, f.Properties.DocID)
		sources = append(sources, f.Properties.Source)
	}
	return ids, docIDs, sources
}

// TestIDsDoNotDependOnFileNames reads one article by a relative path, an
// absolute path, a copy under another name and stdin: the feature ids and
// doc_id are the same each time, and only source tells them apart. Two
// different articles on stdin get different ids.
func TestIDsDoNotDependOnFileNames(t *testing.T) {
	rel := fixture("lyon-floods.txt")
	abs, err := filepath.Abs(rel)
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(rel)
	if err != nil {
		t.Fatal(err)
	}
	renamed := filepath.Join(t.TempDir(), "other-name.txt")
	if err := os.WriteFile(renamed, text, 0o644); err != nil {
		t.Fatal(err)
	}
	var first []string
	for _, tc := range []struct{ name, stdin, arg, source string }{
		{"relative", "", rel, rel},
		{"absolute", "", abs, abs},
		{"renamed", "", renamed, renamed},
		{"stdin", string(text), "-", "stdin"},
	} {
		stdout, stderr, err := run(t, tc.stdin, "extract", "--published", "2024-05-07", tc.arg)
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.name, err, stderr)
		}
		ids, docIDs, sources := featureIDs(t, stdout)
		if len(ids) == 0 {
			t.Fatalf("%s: no features", tc.name)
		}
		for i := range ids {
			if docIDs[i] == "" || strings.Contains(docIDs[i], "lyon") || strings.Contains(docIDs[i], "stdin") {
				t.Errorf("%s: doc_id %q is named after the file", tc.name, docIDs[i])
			}
			if sources[i] != tc.source {
				t.Errorf("%s: source %q, want %q", tc.name, sources[i], tc.source)
			}
		}
		if first == nil {
			first = ids
		} else if strings.Join(ids, ",") != strings.Join(first, ",") {
			t.Errorf("%s: feature ids %v, want %v as for the relative path", tc.name, ids, first)
		}
	}

	a, _, _ := run(t, "Floods hit Lyon on Monday.", "extract", "--published", "2024-05-07")
	b, _, _ := run(t, "Floods hit Nice on Monday.", "extract", "--published", "2024-05-07")
	_, docA, _ := featureIDs(t, a)
	_, docB, _ := featureIDs(t, b)
	if len(docA) == 0 || len(docB) == 0 || docA[0] == docB[0] {
		t.Errorf("two articles on stdin share doc_id: %v %v", docA, docB)
	}
}

// TestFormatFromExtension: the format is --format, else -o's extension,
// else geojson; never the input's size.
func TestFormatFromExtension(t *testing.T) {
	in := fixture("lyon-floods.txt")
	for _, tc := range []struct {
		name   string
		args   []string
		file   string
		prefix string // what the output starts with
		warn   string // expected on stderr
	}{
		{"geojson", nil, "e.geojson", `{"type":"FeatureCollection"`, ""},
		{"json", nil, "e.json", `{"type":"FeatureCollection"`, ""},
		{"geojsonl", nil, "e.geojsonl", `{"id":"`, ""},
		{"ndjson", nil, "e.ndjson", `{"id":"`, ""},
		{"geojsons is RFC 8142", nil, "e.geojsons", "\x1e{\"id\":\"", ""},
		{"jsonl", nil, "e.jsonl", `{"id":"`, ""},
		{"unknown extension", nil, "e.out", `{"type":"FeatureCollection"`, ""},
		{"--format wins", []string{"--format", "geojsonseq"}, "e.geojson", `{"id":"`, "its extension suggests geojson"},
		{"--resume without extension", []string{"--resume"}, "e.out", `{"id":"`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), tc.file)
			args := append([]string{"extract", "--published", "2024-05-07", "-o", out}, tc.args...)
			_, stderr, err := run(t, "", append(args, in)...)
			if err != nil {
				t.Fatalf("%v\n%s", err, stderr)
			}
			b, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(b), tc.prefix) {
				t.Errorf("output starts %.60q, want %q", b, tc.prefix)
			}
			if tc.file == "e.jsonl" && !strings.Contains(string(b), `"entities":`) {
				t.Errorf(".jsonl did not get annotations: %.100s", b)
			}
			if tc.warn != "" && !strings.Contains(stderr, tc.warn) {
				t.Errorf("stderr %q lacks %q", stderr, tc.warn)
			}
		})
	}
	stdout, _, err := run(t, "", "extract", "--published", "2024-05-07", in)
	if err != nil || !strings.HasPrefix(stdout, `{"type":"FeatureCollection"`) {
		t.Errorf("stdout default: %v %.60q", err, stdout)
	}
	_, _, err = run(t, "", "extract", "--resume", "-o", filepath.Join(t.TempDir(), "e.geojson"), in)
	if err == nil || !strings.Contains(err.Error(), "cannot append") {
		t.Errorf("--resume into .geojson: %v", err)
	}
}
