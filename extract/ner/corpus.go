package ner

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

type jsonDoc struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Entities []struct {
		Start int    `json:"start"`
		End   int    `json:"end"`
		Label string `json:"label"`
	} `json:"entities"`
}

// ReadCoNLLJSONL reads the project's CoNLL-style JSONL corpus (one document a
// line: "text" with tokens joined by single spaces and sentences by "\n",
// "entities" with code point offsets) into one Example per sentence. An
// entity that does not fall on token boundaries of one sentence is an error.
func ReadCoNLLJSONL(r io.Reader) ([]Example, error) {
	docs, err := ReadCoNLLDocs(r)
	if err != nil {
		return nil, err
	}
	var out []Example
	for _, d := range docs {
		out = append(out, d...)
	}
	return out, nil
}

// ReadCoNLLDocs reads a corpus as ReadCoNLLJSONL does, keeping the
// documents: one list of sentences per document.
func ReadCoNLLDocs(r io.Reader) ([][]Example, error) {
	var out [][]Example
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 1<<28)
	line := 0
	for sc.Scan() {
		line++
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		var d jsonDoc
		if err := json.Unmarshal([]byte(raw), &d); err != nil {
			return nil, fmt.Errorf("ner: line %d: %w", line, err)
		}
		exs, err := docExamples(&d)
		if err != nil {
			return nil, fmt.Errorf("ner: line %d (%s): %w", line, d.ID, err)
		}
		out = append(out, exs)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

type tokPos struct{ sent, tok int }

func docExamples(d *jsonDoc) ([]Example, error) {
	var exs []Example
	starts := map[int]tokPos{} // code point offset → token starting there
	ends := map[int]tokPos{}   // code point offset → token ending there
	cp := 0
	for _, line := range strings.Split(d.Text, "\n") {
		var toks []string
		for _, t := range strings.Split(line, " ") {
			n := len([]rune(t))
			if t != "" {
				p := tokPos{len(exs), len(toks)}
				starts[cp] = p
				ends[cp+n] = p
				toks = append(toks, t)
			}
			cp += n + 1
		}
		exs = append(exs, Example{Tokens: toks})
	}
	for _, e := range d.Entities {
		a, ok1 := starts[e.Start]
		b, ok2 := ends[e.End]
		if !ok1 || !ok2 || a.sent != b.sent || b.tok < a.tok {
			return nil, fmt.Errorf("entity [%d,%d) %s does not align with tokens", e.Start, e.End, e.Label)
		}
		ex := &exs[a.sent]
		ex.Spans = append(ex.Spans, Span{Start: a.tok, End: b.tok + 1, Label: e.Label})
	}
	out := exs[:0]
	for _, ex := range exs {
		if len(ex.Tokens) > 0 {
			out = append(out, ex)
		}
	}
	return out, nil
}

// ReadCoNLLFile reads a JSONL corpus file with ReadCoNLLJSONL.
func ReadCoNLLFile(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoNLLJSONL(f)
}

// ReadCoNLLDocsFile reads a JSONL corpus file with ReadCoNLLDocs.
func ReadCoNLLDocsFile(path string) ([][]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoNLLDocs(f)
}

// TrainFile trains a model on the documents of a JSONL corpus file.
func TrainFile(corpusPath string, opts TrainOptions) (*Model, error) {
	docs, err := ReadCoNLLDocsFile(corpusPath)
	if err != nil {
		return nil, err
	}
	return TrainDocs(docs, opts)
}

// EvalFile tags every document of a JSONL corpus file with TagDocument and
// scores the result against its entities.
func EvalFile(m *Model, corpusPath string) (Scores, error) {
	docs, err := ReadCoNLLDocsFile(corpusPath)
	if err != nil {
		return Scores{}, err
	}
	return m.EvaluateDocs(docs), nil
}

// Evaluate tags the examples one by one with Tag and scores the predictions
// against their spans.
func (m *Model) Evaluate(exs []Example) Scores {
	gold := make([][]Span, len(exs))
	pred := make([][]Span, len(exs))
	for i, ex := range exs {
		gold[i] = ex.Spans
		pred[i] = m.Tag(ex.Tokens)
	}
	return Score(gold, pred)
}

// EvaluateDocs tags each document with TagDocument and scores the
// predictions against the sentences' spans.
func (m *Model) EvaluateDocs(docs [][]Example) Scores {
	var gold, pred [][]Span
	var toks [][]string
	for _, d := range docs {
		toks = toks[:0]
		for _, ex := range d {
			gold = append(gold, ex.Spans)
			toks = append(toks, ex.Tokens)
		}
		pred = append(pred, m.TagDocument(toks)...)
	}
	return Score(gold, pred)
}
