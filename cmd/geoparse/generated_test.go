package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The README's commands rebuild the committed model files byte for byte
// from ../shared (skipped without it): the entity model, whose features
// change with the tagger's code, and the place ranker's weights. (The
// embedded gazetteer has its own test, in package gazetteer.)
func TestGeneratedFilesRebuild(t *testing.T) {
	corpora := filepath.Join("..", "..", "..", "shared", "corpora")
	if _, err := os.Stat(corpora); err != nil {
		t.Skip("../shared/corpora not present")
	}
	if testing.Short() {
		t.Skip("trains the entity model (about 20 s)")
	}
	for _, c := range []struct {
		committed string
		args      []string
	}{
		{filepath.Join("..", "..", "extract", "ner", "model", "conll.ner"),
			[]string{"train", "ner", "--corpus", filepath.Join(corpora, "conll2003", "train.jsonl")}},
		{filepath.Join("..", "..", "gazetteer", "resolver", "weights.json"),
			[]string{"train", "resolver", "--corpus", filepath.Join(corpora, "tr-news", "tr-news.jsonl"),
				"--corpus", filepath.Join(corpora, "geovirus", "geovirus.jsonl")}},
	} {
		out := filepath.Join(t.TempDir(), filepath.Base(c.committed))
		if _, stderr, err := run(t, "", append(c.args, "--out", out)...); err != nil {
			t.Fatalf("%v: %v\n%s", c.args, err, stderr)
		}
		fresh, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		committed, err := os.ReadFile(c.committed)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh, committed) {
			t.Errorf("%s differs from what %v builds now (%d bytes, committed %d): retrain it with the README's command, or find what changed its training",
				c.committed, c.args, len(fresh), len(committed))
		}
	}
}
