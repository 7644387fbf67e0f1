package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A two-article corpus written for this test, in the events-dev format.
const eventsCorpusFixture = `{"id": "a", "published": "2024-05-08", "text": "LYON, France — A fire destroyed a warehouse in Lyon on Monday, firefighters said. Crews from Grenoble helped. The mayor will visit Marseille on Friday.", "toponyms": [], "events": [{"place_text": "LYON", "lat": 45.748, "lon": 4.847, "date": "2024-05-06", "people": [], "what": "disaster"}]}
{"id": "b", "published": "2024-05-08", "text": "Farmers blocked roads in Toulouse on Tuesday to protest fuel prices.", "toponyms": [], "events": [{"place_text": "Toulouse", "lat": 43.604, "lon": 1.444, "date": "2024-05", "people": [], "what": "protest"}]}
`

func TestEvalEvents(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "events.jsonl")
	if err := os.WriteFile(corpus, []byte(eventsCorpusFixture), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := run(t, "", "eval", "events", "--corpus", corpus, "--errors")
	if err != nil {
		t.Fatalf("eval events: %v\n%s", err, stderr)
	}
	for _, want := range []string{"gold 2, predicted 2, matched 2", "precision 1.000  recall 1.000  F1 1.000"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, _, err := run(t, "", "eval", "events"); err == nil || !strings.Contains(err.Error(), "--corpus") {
		t.Errorf("no corpus: err = %v", err)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(eventsCorpusFixture+"{oops\n"), 0o644)
	if _, _, err := run(t, "", "eval", "events", "--corpus", bad); err == nil || !strings.Contains(err.Error(), "bad.jsonl:3") {
		t.Errorf("malformed corpus: err = %v, want one naming bad.jsonl:3", err)
	}
}

func TestExtractRoles(t *testing.T) {
	dir := t.TempDir()
	article := filepath.Join(dir, "a.txt")
	os.WriteFile(article, []byte("A fire destroyed a warehouse in Lyon on Monday. The mayor will visit Marseille on Friday.\n"), 0o644)
	count := func(args ...string) (n int, out string) {
		t.Helper()
		out, stderr, err := run(t, "", append([]string{"extract", "--published", "2024-05-08", "--format", "geojsonseq"}, append(args, article)...)...)
		if err != nil {
			t.Fatalf("extract %v: %v\n%s", args, err, stderr)
		}
		return strings.Count(out, `"type":"Feature"`), out
	}
	if n, out := count(); n != 1 || !strings.Contains(out, `"role":"event"`) {
		t.Errorf("default: %d features:\n%s", n, out)
	}
	if n, out := count("--roles", "event,planned"); n != 2 || !strings.Contains(out, `"role":"planned"`) || !strings.Contains(out, `"date_start":"2024-05-10"`) {
		t.Errorf("--roles event,planned: %d features:\n%s", n, out)
	}
	if _, _, err := run(t, "", "extract", "--roles", "evnt", article); err == nil || !strings.Contains(err.Error(), `"evnt"`) {
		t.Errorf("unknown role: err = %v", err)
	}
}

// TestEvalEventsDev runs eval events on the development corpus when
// ../shared is present, with a floor a little below the figures reported,
// to catch a broken event step rather than noise.
func TestEvalEventsDev(t *testing.T) {
	const dir = "../../../shared/corpora/events-dev/"
	if _, err := os.Stat(dir + "events-dev.jsonl"); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	out, stderr, err := run(t, "", "eval", "events", "--corpus", dir+"events-dev.jsonl", "--nonevents", dir+"nonevents-dev.jsonl")
	if err != nil {
		t.Fatalf("eval events: %v\n%s", err, stderr)
	}
	i := strings.Index(out, "F1 ")
	var f1 float64
	if i < 0 {
		t.Fatalf("no F1 in\n%s", out)
	}
	if _, err := fmtSscan(out[i+3:], &f1); err != nil || f1 < 0.72 {
		t.Errorf("events-dev F1 %v (%v), want ≥ 0.72\n%s", f1, err, out)
	}
}
