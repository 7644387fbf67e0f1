package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/extract/ner"
)

// entityDoc is one document of an entity corpus in the corpora JSONL
// format, read as raw text.
type entityDoc struct {
	ID        string  `json:"id"`
	Text      string  `json:"text"`
	Published *string `json:"published"`
	DCT       *string `json:"dct"`
	Entities  []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Text  string `json:"text"`
		Label string `json:"label"`
	} `json:"entities"`
}

// nerLabels are the entity labels scored end to end; others in a corpus
// (DATE) are left out.
var nerLabels = map[string]bool{"PERSON": true, "LOCATION": true, "ORGANIZATION": true, "MISC": true}

// evalNERPipeline runs the whole pipeline on each document's text and
// scores its entities by exact code point spans, as conlleval does:
// PERSON, ORGANIZATION and MISC from the entities, LOCATION from the
// places named or abbreviated (the forms a LOCATION entity has; demonyms
// and names inside longer names are not entities). With misses non-nil,
// each gold span not predicted and each predicted span not in the gold is
// listed there.
func evalNERPipeline(ctx context.Context, ex *extract.Extractor, path string, misses io.Writer) (ner.Scores, error) {
	f, err := os.Open(path)
	if err != nil {
		return ner.Scores{}, err
	}
	defer f.Close()
	var gold, pred [][]ner.Span
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	for line := 1; sc.Scan(); line++ {
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var d entityDoc
		if err := json.Unmarshal([]byte(b), &d); err != nil {
			return ner.Scores{}, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		doc := extract.Document{ID: d.ID, Text: d.Text}
		for _, p := range []*string{d.Published, d.DCT} {
			if p != nil && len(*p) >= 10 {
				if _, err := extract.ParsePublished((*p)[:10]); err == nil {
					doc.Published = (*p)[:10]
					break
				}
			}
		}
		var g, p []ner.Span
		for _, e := range d.Entities {
			if nerLabels[e.Label] {
				g = append(g, ner.Span{Start: e.Start, End: e.End, Label: e.Label})
			}
		}
		if strings.TrimSpace(d.Text) != "" {
			res, err := ex.Extract(ctx, doc)
			if err != nil {
				return ner.Scores{}, fmt.Errorf("%s:%d (%s): %w", path, line, d.ID, err)
			}
			p = pipelineSpans(res)
			if misses != nil {
				listSpanMisses(misses, d.ID, d.Text, g, p)
			}
		}
		gold, pred = append(gold, g), append(pred, p)
	}
	if err := sc.Err(); err != nil {
		return ner.Scores{}, err
	}
	return ner.Score(gold, pred), nil
}

// pipelineSpans are the entity spans of a result as evalNERPipeline
// scores them.
func pipelineSpans(res extract.Result) []ner.Span {
	var out []ner.Span
	for _, e := range res.Entities {
		if e.Label != extract.Location {
			out = append(out, ner.Span{Start: e.Start, End: e.End, Label: string(e.Label)})
		}
	}
	for _, p := range res.Places {
		if p.Form == extract.FormName || p.Form == extract.FormAbbreviation {
			out = append(out, ner.Span{Start: p.Start, End: p.End, Label: string(extract.Location)})
		}
	}
	return out
}

// listSpanMisses prints the gold spans not predicted ("missed") and the
// predicted spans not in the gold ("false"), with their context.
func listSpanMisses(w io.Writer, id, text string, gold, pred []ner.Span) {
	in := func(sp ner.Span, set []ner.Span) bool {
		for _, x := range set {
			if x == sp {
				return true
			}
		}
		return false
	}
	for _, sp := range gold {
		if !in(sp, pred) {
			fmt.Fprintf(w, "missed\t%s\t%s\t%s\n", id, sp.Label, textAround(text, sp.Start, sp.End))
		}
	}
	for _, sp := range pred {
		if !in(sp, gold) {
			fmt.Fprintf(w, "false\t%s\t%s\t%s\n", id, sp.Label, textAround(text, sp.Start, sp.End))
		}
	}
}
